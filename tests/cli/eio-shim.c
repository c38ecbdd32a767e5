/* eio-shim: an LD_PRELOAD library for the fault tests that makes the disk
 * fail under tapla: with TAPLA_EIO=sync, fsync and fdatasync fail with EIO;
 * with =write, pwrite64 (SQLite's writes) fails; with =read, pread64 (SQLite's
 * reads) fails; with =stall, fsync takes a second and a half first (a
 * slow disk, for a signal to arrive mid-write). Anything else calls through
 * to the C library. */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* Is this kind of call to fail? */
static int failing(const char *kind)
{
	const char *m = getenv("TAPLA_EIO");
	return m && strcmp(m, kind) == 0;
}

/* The C library's own function of this name, into *fn (a function
 * pointer: ISO C has no cast from dlsym's object pointer). */
static void real(const char *name, void *fn, size_t size)
{
	void *p = dlsym(RTLD_NEXT, name);
	memcpy(fn, &p, size);
}

int fsync(int fd)
{
	if (failing("sync")) {
		errno = EIO;
		return -1;
	}
	if (failing("stall")) {
		struct timespec t = { 1, 500000000 };
		while (nanosleep(&t, &t) != 0 && errno == EINTR)
			;
	}
	int (*f)(int);
	real("fsync", &f, sizeof f);
	return f ? f(fd) : -1;
}

int fdatasync(int fd)
{
	if (failing("sync")) {
		errno = EIO;
		return -1;
	}
	int (*f)(int);
	real("fdatasync", &f, sizeof f);
	return f ? f(fd) : -1;
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
	if (failing("write")) {
		errno = EIO;
		return -1;
	}
	ssize_t (*f)(int, const void *, size_t, off64_t);
	real("pwrite64", &f, sizeof f);
	return f ? f(fd, buf, n, off) : -1;
}

ssize_t pread64(int fd, void *buf, size_t n, off64_t off)
{
	if (failing("read")) {
		errno = EIO;
		return -1;
	}
	ssize_t (*f)(int, void *, size_t, off64_t);
	real("pread64", &f, sizeof f);
	return f ? f(fd, buf, n, off) : -1;
}
