/* client: see client.h. */
#include "client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int http_connect(unsigned port)
{
	return http_connect_from(port, 1);
}

int http_connect_from(unsigned port, unsigned src)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (src != 1) {
		struct sockaddr_in from = { .sin_family = AF_INET };
		from.sin_addr.s_addr = htonl(0x7f000000u | (src & 0xff));
		if (bind(fd, (struct sockaddr *)&from, sizeof from) != 0) {
			close(fd);
			return -1;
		}
	}
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((unsigned short)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

bool http_send_all(int fd, const char *data, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, data, n, MSG_NOSIGNAL);
		if (w <= 0)
			return false;
		data += w;
		n -= (size_t)w;
	}
	return true;
}

/* Milliseconds on the monotonic clock. */
static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool http_read(int fd, int deadline_ms, struct http_resp *out)
{
	memset(out, 0, sizeof *out);
	size_t cap = 65536, len = 0;
	char *data = malloc(cap + 1);
	long long end = now_ms() + deadline_ms;
	while (data) {
		long long left = end - now_ms();
		struct pollfd p = { .fd = fd, .events = POLLIN };
		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			break;
		if (len == cap) {
			char *more = realloc(data, 2 * cap + 1);
			if (!more)
				break;
			data = more;
			cap *= 2;
		}
		ssize_t r = recv(fd, data + len, cap - len, 0);
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	if (!data || len == 0) {
		free(data);
		return false;
	}
	data[len] = '\0';
	char *sep = strstr(data, "\r\n\r\n");
	size_t head_len = sep ? (size_t)(sep - data) : len;
	out->head = strndup(data, head_len);
	size_t body_at = sep ? head_len + 4 : len;
	out->body_len = len - body_at;
	out->body = malloc(out->body_len + 1);
	if (out->body) {
		memcpy(out->body, data + body_at, out->body_len);
		out->body[out->body_len] = '\0';
	}
	sscanf(data, "HTTP/1.%*d %d", &out->status);
	free(data);
	return out->head && out->body;
}

bool http_request(unsigned port, const char *method, const char *path,
		  const char *cookie, const char *body, struct http_resp *out)
{
	memset(out, 0, sizeof *out);
	int fd = http_connect(port);
	if (fd < 0)
		return false;
	size_t blen = body ? strlen(body) : 0;
	char *req = malloc(blen + 1024 + strlen(path));
	if (!req) {
		close(fd);
		return false;
	}
	int n = sprintf(req, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
			"Connection: close\r\n", method, path, port);
	if (cookie && *cookie)
		n += sprintf(req + n, "Cookie: %s\r\n", cookie);
	if (body)
		n += sprintf(req + n, "Content-Type: application/x-www-form-urlencoded\r\n"
			     "Content-Length: %zu\r\n", blen);
	n += sprintf(req + n, "\r\n");
	if (body)
		memcpy(req + n, body, blen);
	bool ok = http_send_all(fd, req, (size_t)n + blen);
	free(req);
	if (!ok) {
		close(fd);
		return false;
	}
	return http_read(fd, 10000, out);
}

void http_resp_free(struct http_resp *r)
{
	free(r->head);
	free(r->body);
	r->head = r->body = NULL;
}

bool http_set_cookie(const struct http_resp *r, const char *name, char *out,
		     size_t n)
{
	for (const char *h = r->head; h && (h = strcasestr(h, "\nSet-Cookie: ")); h++) {
		const char *v = h + 13;
		size_t nl = strlen(name);
		if (strncmp(v, name, nl) == 0 && v[nl] == '=') {
			size_t len = strcspn(v, ";\r\n");
			if (len >= n)
				return false;
			memcpy(out, v, len);
			out[len] = '\0';
			return true;
		}
	}
	return false;
}

bool http_csrf(const struct http_resp *r, char out[33])
{
	const char *m = r->body ? strstr(r->body, "name=\"csrf\" value=\"") : NULL;
	if (!m)
		return false;
	m += strlen("name=\"csrf\" value=\"");
	size_t len = strcspn(m, "\"");
	if (len != 32)
		return false;
	memcpy(out, m, 32);
	out[32] = '\0';
	return true;
}

bool http_split_url(const char *url, unsigned *port, char *path, size_t n)
{
	const char *p = strstr(url, "://");
	if (!p)
		return false;
	p += 3;
	const char *slash = strchr(p, '/');
	const char *colon = slash ? memrchr(p, ':', (size_t)(slash - p)) : NULL;
	if (!slash || !colon || strlen(slash) >= n)
		return false;
	*port = (unsigned)strtoul(colon + 1, NULL, 10);
	strcpy(path, slash);
	return *port > 0;
}
