/* client: a small HTTP/1.1 client for the phone server's tests and
 * benchmarks, on 127.0.0.1 only. Each request is one connection
 * ("Connection: close"), read to its end with a deadline. */
#ifndef TAPLA_TEST_WEB_CLIENT_H
#define TAPLA_TEST_WEB_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

struct http_resp {
	int status;      /* 0 if no status line came */
	char *head;      /* the status line and headers */
	char *body;      /* NUL-terminated */
	size_t body_len;
};

/* A TCP connection to 127.0.0.1:port, or -1. */
int http_connect(unsigned port);
/* The same from the source address 127.0.0.SRC (Linux routes all of
 * 127.0.0.0/8 to the loopback), to look like another phone. */
int http_connect_from(unsigned port, unsigned src);
/* Sends bytes whole (no SIGPIPE); false if the peer went away. */
bool http_send_all(int fd, const char *data, size_t n);
/* Reads a response on fd until the peer closes or deadline_ms passes;
 * closes fd. False if nothing came. */
bool http_read(int fd, int deadline_ms, struct http_resp *out);
/* One request: method, path, optional Cookie and form body
 * (application/x-www-form-urlencoded). */
bool http_request(unsigned port, const char *method, const char *path,
		  const char *cookie, const char *body, struct http_resp *out);
void http_resp_free(struct http_resp *r);
/* The value of a Set-Cookie for `name` ("name=value"), copied into out
 * (n bytes); false if none. */
bool http_set_cookie(const struct http_resp *r, const char *name, char *out,
		     size_t n);
/* The value="..." of the hidden csrf field, into out[33]. */
bool http_csrf(const struct http_resp *r, char out[33]);
/* The port of a URL "http://HOST:PORT/PATH" and its path. */
bool http_split_url(const char *url, unsigned *port, char *path, size_t n);

#endif
