/* Unit tests of who a name is (issue 12.3): text_clean_name drops invisible
 * and bidi-control characters and refuses names mixing look-alike scripts;
 * text_name_key makes names that look the same one signer (TR39 skeleton)
 * while names that differ stay apart; the migration step recomputes the
 * keys of an older database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/store-int.h"
#include "store-fixture.h"
#include "tapla/store.h"
#include "tapla/text.h"

#include <unicode/uspoof.h>

/* The key of a, compared with the key of b; both must exist. */
static bool same_signer(const char *a, const char *b)
{
	char *ka = text_name_key(a), *kb = text_name_key(b);
	assert_non_null(ka);
	assert_non_null(kb);
	bool same = strcmp(ka, kb) == 0;
	free(ka);
	free(kb);
	return same;
}

/* Characters that draw as nothing: default-ignorables and bidi controls. */
static const char *const invisibles[] = {
	"\xe2\x80\x8b",     /* U+200B zero width space */
	"\xe2\x80\x8c",     /* U+200C zero width non-joiner */
	"\xe2\x80\x8d",     /* U+200D zero width joiner */
	"\xe2\x81\xa0",     /* U+2060 word joiner */
	"\xe2\x81\xa2",     /* U+2062 invisible times */
	"\xc2\xad",         /* U+00AD soft hyphen */
	"\xef\xbb\xbf",     /* U+FEFF byte order mark */
	"\xef\xb8\x8f",     /* U+FE0F variation selector 16 */
	"\xef\xb8\x80",     /* U+FE00 variation selector 1 */
	"\xf3\xa0\x84\x80", /* U+E0100 variation selector 17 */
	"\xf3\xa0\x81\x81", /* U+E0041 tag latin capital A */
	"\xe3\x85\xa4",     /* U+3164 Hangul filler */
	"\xef\xbe\xa0",     /* U+FFA0 halfwidth Hangul filler */
	"\xe1\x85\x9f",     /* U+115F Hangul choseong filler */
	"\xcd\x8f",         /* U+034F combining grapheme joiner */
	"\xe1\xa0\x8b",     /* U+180B Mongolian free variation selector */
	"\xe2\xa0\x80",     /* U+2800 braille blank */
	"\xd8\x9c",         /* U+061C Arabic letter mark */
	"\xe2\x80\x8e",     /* U+200E left-to-right mark */
	"\xe2\x80\x8f",     /* U+200F right-to-left mark */
	"\xe2\x80\xaa",     /* U+202A LRE */
	"\xe2\x80\xab",     /* U+202B RLE */
	"\xe2\x80\xac",     /* U+202C PDF */
	"\xe2\x80\xad",     /* U+202D LRO */
	"\xe2\x80\xae",     /* U+202E RLO */
	"\xe2\x81\xa6",     /* U+2066 LRI */
	"\xe2\x81\xa7",     /* U+2067 RLI */
	"\xe2\x81\xa8",     /* U+2068 FSI */
	"\xe2\x81\xa9",     /* U+2069 PDI */
};
#define NINVISIBLES (sizeof invisibles / sizeof invisibles[0])

/* Each invisible, inside or around a name, is dropped from the stored
 * name and from the key. */
static void invisibles_are_dropped(void **state)
{
	(void)state;
	char in[64];
	for (size_t i = 0; i < NINVISIBLES; i++) {
		const char *x = invisibles[i];
		snprintf(in, sizeof in, "%sAn%sna%s Virtanen%s", x, x, x, x);
		char *out = NULL;
		assert_int_equal(text_clean_name(in, &out), TEXT_OK);
		assert_string_equal(out, "Anna Virtanen");
		free(out);
		assert_true(same_signer(in, "Anna Virtanen"));
	}
}

/* A name of nothing but invisibles is empty; invisibles do not count
 * towards the length limit; controls are still refused. */
static void clean_name_keeps_the_rules(void **state)
{
	(void)state;
	char *out = NULL;
	assert_int_equal(text_clean_name("\xe2\x80\x8b\xe3\x85\xa4 \xe2\x80\xae", &out),
			 TEXT_EMPTY);
	assert_null(out);
	char name[TEXT_NAME_MAX * 4 + 1] = "";
	for (int i = 0; i < TEXT_NAME_MAX; i++)
		strcat(name, "a\xe2\x80\x8b");
	assert_int_equal(text_clean_name(name, &out), TEXT_OK);
	assert_int_equal(strlen(out), TEXT_NAME_MAX);
	free(out);
	assert_int_equal(text_clean_name("Anna\x1b]52;c;aGk=\x07", &out), TEXT_CONTROL);
	assert_int_equal(text_clean_name("Anna\xc2\x9b""31m", &out), TEXT_CONTROL);
	assert_int_equal(text_clean_name("Anna\xc0\x80", &out), TEXT_BAD_UTF8);
	assert_null(out);
}

/* Names that look the same in the signature list are one signer: whole
 * words in Cyrillic or Greek letters, fullwidth forms, single look-alike
 * letters, lower and upper case. */
static void lookalikes_are_one_signer(void **state)
{
	(void)state;
	static const char *const pairs[][2] = {
		{ "\xd0\xa0\xd0\xbe\xd1\x80\xd0\xb0", "Popa" },  /* Рора */
		{ "\xce\x9c\xce\x91\xce\xa4\xce\xa4\xce\x99", "Matti" },  /* ΜΑΤΤΙ */
		{ "\xce\x91\xce\x9d\xce\x9d\xce\x91", "anna" },  /* ΑΝΝΑ */
		{ "\xd0\x90nna", "Anna" },  /* Cyrillic А */
		{ "\xce\x91nna", "Anna" },  /* Greek Α */
		{ "Ann\xd0\xb0", "Anna" },  /* Cyrillic а */
		{ "J\xd0\xbe\xd1\x95\xd1\x96\xd0\xb5", "Josie" },  /* оѕіе */
		{ "\xd2\xbb\xd0\xb5\xd1\x96\xd4\x81\xd1\x96", "heidi" },  /* һеіԁі */
		{ "\xce\xbdilma", "Vilma" },  /* Greek ν */
		{ "\xd0\x92\xd0\x95\xd0\xa2\xd0\x9d", "Beth" },  /* ВЕТН */
		{ "\xef\xbd\x8d\xef\xbd\x81\xef\xbd\x94\xef\xbd\x94\xef\xbd\x89",
		  "Matti" },  /* fullwidth ｍａｔｔｉ */
		{ "\xef\xbc\xa1\xef\xbd\x8e\xef\xbd\x8e\xef\xbd\x81", "anna" },  /* Ａｎｎａ */
		{ "Matti\xe3\x80\x80Meik\xc3\xa4l\xc3\xa4inen", "matti meikäläinen" },
		{ "MATTI MEIKÄLÄINEN", "Matti Meika\xcc\x88la\xcc\x88inen" },
		{ "Stra\xc3\x9f" "e", "STRASSE" },
		{ "\xef\xac\x81" "nn", "Finn" },  /* ﬁ ligature */
		{ "\xd0\x81lo", "\xc3\x8blo" },  /* Ё and Ë */
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		if (!same_signer(pairs[i][0], pairs[i][1]))
			fail_msg("\"%s\" and \"%s\" are two signers", pairs[i][0],
				 pairs[i][1]);
	}
}

/* Names that look different stay different people: diacritics of Finnish,
 * Swedish and Sámi names, other letters, other word breaks. */
static void different_names_stay_apart(void **state)
{
	(void)state;
	static const char *const pairs[][2] = {
		{ "Mäki", "Maki" },
		{ "Åsa", "Asa" },
		{ "Öberg", "Oberg" },
		{ "Áilu", "Ailu" },
		{ "Čuđe", "Cude" },
		{ "Ŋuolla", "Nuolla" },
		{ "Anna", "Anne" },
		{ "Matti Meikäläinen", "MattiMeikäläinen" },
		{ "Ольга", "Olga" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		if (same_signer(pairs[i][0], pairs[i][1]))
			fail_msg("\"%s\" and \"%s\" are one signer", pairs[i][0],
				 pairs[i][1]);
	assert_null(text_name_key("Matti\xc0\x80"));
	assert_null(text_name_key(NULL));
	/* Found by fuzz-identity: a skeleton longer than the first guess by
	 * exactly its NUL ('%' is six bytes in a skeleton). */
	char *k = text_name_key("%%%%%%\xc3\xa1ret \xc3\x81nne \xc4\x8c%%u\xc4\xb0 ");
	assert_non_null(k);
	free(k);
}

/* A name mixing Latin with Cyrillic or Greek letters is refused with its
 * own sentence; names in one script (with their diacritics) pass as typed. */
static void mixed_scripts_are_refused(void **state)
{
	(void)state;
	static const char *const mixed[] = {
		"P\xd0\xb0vel",            /* Cyrillic а in Latin */
		"\xce\x91nna Virtanen",    /* Greek Α */
		"Anna \xd0\x92\xd0\xb8\xd1\x80\xd1\x82\xd0\xb0\xd0\xbd\xd0\xb5\xd0\xbd",
		"\xd0\x9e\xd0\xbb\xd1\x8c\xce\xb3\xd0\xb0",  /* Cyrillic with Greek γ */
		"Ann\xd6\x85 Virtanen",   /* Armenian օ */
		"\xe1\x8e\xaanna",        /* Cherokee Ꭺ */
		"Ivan \xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd",  /* Ivan Иван */
	};
	for (size_t i = 0; i < sizeof mixed / sizeof mixed[0]; i++) {
		char *out = NULL;
		if (text_clean_name(mixed[i], &out) != TEXT_MIXED_SCRIPT)
			fail_msg("\"%s\" was not refused as mixed", mixed[i]);
		assert_null(out);
	}
	const char *m = text_status_message(TEXT_MIXED_SCRIPT);
	assert_non_null(strstr(m, "script"));
	static const char *const fine[] = {
		"Matti Meikäläinen", "Åsa-Britt Öhman", "Máret Ánne Sara",
		"Ánde Somby", "Čuđe Ŋuollu", "Jean-Luc O'Brien",
		"Zoë Ægir-Ødegård", "Ольга Петрова", "Γιώργος Παπαδόπουλος",
		"山田 太郎", "やまだ たろう", "محمد علي", "김민수", "Anna 2",
		"田中 Yuki", "Kim 민수", "Ǩiʹǩǩ Mošnikoff", "Nguyễn Văn An",
		"İlknur Şahin", "Ёлка",
	};
	for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++) {
		char *out = NULL;
		enum text_status st = text_clean_name(fine[i], &out);
		if (st != TEXT_OK)
			fail_msg("\"%s\" was refused: %s", fine[i],
				 text_status_message(st));
		assert_string_equal(out, fine[i]);
		free(out);
	}
}

/* A key never holds a control or an invisible character, whatever the
 * name held. */
static void keys_hold_no_controls(void **state)
{
	(void)state;
	char *k = text_name_key("\x1b]52;c;aGk=\x07" "Anna\xe2\x80\xae\xc2\x9b" "2J\t");
	assert_non_null(k);
	for (const unsigned char *p = (const unsigned char *)k; *p; p++)
		assert_true(*p >= 0x20 && *p != 0x7f);
	assert_null(strstr(k, "\xe2\x80\xae"));
	assert_null(strstr(k, "\xc2\x9b"));
	free(k);
}

/* ICU's own skeleton of ASCII s, upper-cased with spaces collapsed: what
 * text_name_key must give for it, with or without its ASCII shortcut. */
static char *icu_ascii_key(USpoofChecker *sc, const char *s)
{
	char up[64];
	size_t o = 0;
	bool pending = false;
	for (; *s; s++) {
		if (*s == ' ') {
			pending = o > 0;
			continue;
		}
		if (pending)
			up[o++] = ' ';
		pending = false;
		up[o++] = (char)(*s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s);
	}
	up[o] = '\0';
	char *out = calloc(1, 256);
	assert_non_null(out);
	UErrorCode e = U_ZERO_ERROR;
	uspoof_getSkeletonUTF8(sc, 0, up, -1, out, 255, &e);
	assert_false(U_FAILURE(e));
	return out;
}

/* The ASCII shortcut (a table of ICU's skeletons per character) gives
 * ICU's answer for every pair of printable characters and some names. */
static void ascii_keys_are_icu_skeletons(void **state)
{
	(void)state;
	UErrorCode e = U_ZERO_ERROR;
	USpoofChecker *sc = uspoof_open(&e);
	assert_false(U_FAILURE(e));
	char s[8];
	static const char *const names[] = {
		"  Matti  Meikalainen ", "ILKKA llkka", "Ann1 Ann0", "m rn", "100 %",
		"O'Brien-Smith", "`quoted` |pipe|", "a  b   c",
	};
	for (int a = 0x20; a < 0x7f; a++) {
		for (int b = 0x20; b < 0x7f; b++) {
			s[0] = (char)a;
			s[1] = (char)b;
			s[2] = '\0';
			char *want = icu_ascii_key(sc, s), *got = text_name_key(s);
			if (!got || strcmp(want, got) != 0)
				fail_msg("\"%s\": \"%s\", ICU says \"%s\"", s, got, want);
			free(want);
			free(got);
		}
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *want = icu_ascii_key(sc, names[i]), *got = text_name_key(names[i]);
		assert_string_equal(got, want);
		free(want);
		free(got);
	}
	uspoof_close(sc);
}

/* Signs a ballot of one dot on the first sheet under `name`. */
static enum store_status sign(struct store_fixture *f, const char *name)
{
	struct ballot b;
	rules_ballot_init(&b, 4);
	b.dots[0][LEVEL_AGREE] = 1;
	int seq = 0;
	return store_ballot_save(f->st, f->session, name, &b, NULL, 0, false, &seq);
}

/* In the store, a look-alike of a name that has voted is that signer. */
static void store_knows_lookalikes(void **state)
{
	struct store_fixture *f = *state;
	assert_int_equal(sign(f, "Anna Virtanen"), STORE_OK);
	assert_int_equal(sign(f, "\xce\x91\xce\x9d\xce\x9d\xce\x91 VIRTANEN"),
			 STORE_CONFLICT);
	assert_int_equal(sign(f, "Ann\xd0\xb0 Virt\xd0\xb0nen"), STORE_CONFLICT);
	bool signed_ = false;
	assert_int_equal(store_name_signed(f->st, f->session,
			 "\xef\xbc\xa1nna\xe2\x80\x8b Virtanen", &signed_), STORE_OK);
	assert_true(signed_);
	assert_int_equal(sign(f, "Anne Virtanen"), STORE_OK);
}

/* A database of the schema before the rekeying step, with old keys, two of
 * whose names look alike, is brought up to date: every key recomputed,
 * both ballots kept, and the name typed again finds the first signer. */
static void migration_recomputes_keys(void **state)
{
	struct store_fixture *f = *state;
	fixture_exec_raw(f->path, STORE_SCHEMA_VERSION - 1,
		FIXTURE_OLD_SESSION_SQL
		"INSERT INTO sheet VALUES (1, 0, 'a', 'A.', NULL);"
		"INSERT INTO participant (id, session_id, seq, name, name_key, signed_at)"
		" VALUES (1, 1, 1, 'Anna', 'anna', '2015-10-13T10:05:00Z'),"
		" (2, 1, 2, 'Ann' || char(1072), 'ann' || char(1072), '2015-10-13T10:06:00Z'),"
		" (3, 1, 3, 'Ville', 'ville', '2015-10-13T10:07:00Z'),"
		" (4, 1, 4, 'Vi' || char(8203) || 'lle', 'vi' || char(8203) || 'lle',"
		"  '2015-10-13T10:08:00Z'),"
		" (5, 1, 5, 'Eeva', 'eeva', '2015-10-13T10:09:00Z');"
		"INSERT INTO dot VALUES (1, 1, 0, 0, 3), (2, 1, 0, 1, 2), (3, 1, 0, 2, 1),"
		" (4, 1, 0, 3, 1), (5, 1, 0, 4, 1);");
	f->st = fixture_open(f->path);
	assert_int_equal(fixture_query_int(f->st, "PRAGMA user_version"),
			 STORE_SCHEMA_VERSION);
	assert_int_equal(fixture_query_int(f->st,
		"SELECT count(*) FROM participant"), 5);
	assert_int_equal(fixture_query_int(f->st,
		"SELECT count(DISTINCT name_key) FROM participant"), 5);
	assert_int_equal(fixture_query_int(f->st, "SELECT sum(dots) FROM dot"), 8);
	/* The first of each look-alike pair holds the plain key. */
	char *anna = text_name_key("ANNA"), *ville = text_name_key("ville");
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(f->st->db,
		"SELECT group_concat(seq) FROM participant WHERE name_key IN (?1, ?2)",
		-1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, anna, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, ville, -1, SQLITE_TRANSIENT);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "1,3");
	sqlite3_finalize(s);
	free(anna);
	free(ville);
	bool signed_ = false;
	assert_int_equal(store_name_signed(f->st, 1, "Vil\xe2\x80\x8dle", &signed_),
			 STORE_OK);
	assert_true(signed_);
	/* The stored name lost its zero-width space; the others are as were. */
	assert_int_equal(fixture_query_int(f->st,
		"SELECT count(*) FROM participant WHERE name = 'Ville'"), 2);
	assert_int_equal(fixture_query_int(f->st,
		"SELECT count(*) FROM participant WHERE name = 'Ann' || char(1072)"), 1);
}

/* Names each thread keys, in turns, and their keys worked out first. */
static const char *const race_names[] = {
	"Anna Virtanen", "Matti Järvinen", "Åsa Öhman", "Liisa Mäkinen",
};
static char *race_keys[4];

/* One thread of keys_on_many_threads: keys the names again and again;
 * returns how many came back wrong. */
static void *key_in_turns(void *arg)
{
	uintptr_t wrong = 0, first = (uintptr_t)arg;
	for (int i = 0; i < 3000; i++) {
		size_t k = (first + (size_t)i) % 4;
		char *key = text_name_key(race_names[k]);
		if (!key || strcmp(key, race_keys[k]) != 0)
			wrong++;
		free(key);
	}
	return (void *)wrong;
}

/* The phone server keys names on several threads at once (a regression:
 * the one-name cache was freed under another thread's strcmp, caught by
 * AddressSanitizer in the web test). Every key must come back right. */
static void keys_on_many_threads(void **state)
{
	(void)state;
	for (size_t k = 0; k < 4; k++)
		assert_non_null(race_keys[k] = text_name_key(race_names[k]));
	pthread_t t[4];
	for (uintptr_t i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, key_in_turns, (void *)i), 0);
	uintptr_t wrong = 0;
	for (int i = 0; i < 4; i++) {
		void *r = NULL;
		assert_int_equal(pthread_join(t[i], &r), 0);
		wrong += (uintptr_t)r;
	}
	for (size_t k = 0; k < 4; k++)
		free(race_keys[k]);
	assert_int_equal(wrong, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(invisibles_are_dropped),
		cmocka_unit_test(clean_name_keeps_the_rules),
		cmocka_unit_test(lookalikes_are_one_signer),
		cmocka_unit_test(different_names_stay_apart),
		cmocka_unit_test(mixed_scripts_are_refused),
		cmocka_unit_test(keys_hold_no_controls),
		cmocka_unit_test(keys_on_many_threads),
		cmocka_unit_test(ascii_keys_are_icu_skeletons),
		FIXTURE_TEST(store_knows_lookalikes),
		FIXTURE_DIR_TEST(migration_recomputes_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
