/* pin: the facilitator PIN: what a PIN must be, its salted crypt(3) hash,
 * and how long a PIN prompt waits after wrong guesses.
 *
 * The PIN guards the keyboard in the room (the facilitator functions at
 * the shared laptop); it does not protect a copied database file, whose
 * holder holds the data anyway (`tapla pin ID --clear`). */
#ifndef TAPLA_PIN_H
#define TAPLA_PIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The shortest PIN, in characters (six digits, or a passphrase). */
#define PIN_MIN_CHARS 6
/* The longest, in bytes. */
#define PIN_MAX_BYTES 64
/* Wrong guesses allowed before the prompt makes one wait. */
#define PIN_FREE_TRIES 3

/* May pin be a facilitator PIN? At least PIN_MIN_CHARS characters of valid
 * UTF-8, at most PIN_MAX_BYTES bytes, not one character repeated and not a
 * run of consecutive digits or letters ("123456", "abcdef", "654321").
 * False with the sentence why in `why`. */
bool pin_acceptable(const char *pin, char *why, size_t whylen);
/* A new salted hash of pin, or NULL (with why) on failure; caller frees. */
char *pin_hash(const char *pin, char *why, size_t whylen);
/* Does pin match the stored hash? */
bool pin_check(const char *pin, const char *hash);
/* How long the prompt waits after `failures` wrong guesses in a row
 * (ms): none for the first PIN_FREE_TRIES, then 5 s doubling each time,
 * at most 15 minutes. */
int64_t pin_wait_ms(int failures);
/* The ms left of that wait at `now_ms`, the last wrong guess made at
 * `failed_ms` (Unix ms); 0 when a guess may be made. A clock set back
 * before the last guess counts from the guess, so it does not shorten
 * the wait. */
int64_t pin_wait_left_ms(int failures, int64_t failed_ms, int64_t now_ms);

#endif
