/*
 * The C anchor for zsock_poll over many descriptors: opens COUNT/2 Unix
 * socketpairs (COUNT descriptors), writes one byte into one pair so the
 * descriptor in the middle is readable, then times poll(2) with timeout 0
 * over all COUNT. It stays running so a benchmark can alternate rounds with
 * its own: for every line "N" on stdin it makes N calls and prints the
 * nanoseconds per call; it ends at end of input.
 *
 *   cc -O2 -o poll bench/poll.c && echo 20000 | ./poll [count=1024]
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	int count = argc > 1 ? atoi(argv[1]) : 1024;
	struct rlimit lim;

	if (count < 2 || count % 2 != 0) {
		fprintf(stderr, "usage: poll [even count>=2]\n");
		return 2;
	}
	/* Room for every descriptor plus stdio: raise the soft limit up to the hard one. */
	if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < (rlim_t)count + 16) {
		if (lim.rlim_max < (rlim_t)count + 16) {
			fprintf(stderr, "poll: the descriptor limit (%lu) is below %d\n", (unsigned long)lim.rlim_max, count + 16);
			return 3;
		}
		lim.rlim_cur = (rlim_t)count + 16;
		if (setrlimit(RLIMIT_NOFILE, &lim) != 0) {
			perror("setrlimit");
			return 3;
		}
	}

	struct pollfd *fds = calloc((size_t)count, sizeof(*fds));
	if (!fds) {
		perror("calloc");
		return 1;
	}
	for (int i = 0; i < count; i += 2) {
		int sv[2];
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
			perror("socketpair");
			return 1;
		}
		fds[i].fd = sv[0];
		fds[i + 1].fd = sv[1];
		fds[i].events = POLLIN;
		fds[i + 1].events = POLLIN;
	}

	/* One byte into the pair in the middle: its other end is readable. */
	int mid = count / 2;
	char byte = 1;
	if (write(fds[mid + 1].fd, &byte, 1) != 1) {
		perror("write");
		return 1;
	}
	if (poll(fds, (nfds_t)count, 2000) != 1) {
		fprintf(stderr, "poll: the byte did not arrive\n");
		return 1;
	}

	long calls;
	while (scanf("%ld", &calls) == 1 && calls > 0) {
		double start = now_ns();
		for (long i = 0; i < calls; i++) {
			if (poll(fds, (nfds_t)count, 0) != 1) {
				fprintf(stderr, "poll: expected one ready descriptor\n");
				return 1;
			}
		}
		printf("%.1f\n", (now_ns() - start) / (double)calls);
		fflush(stdout);
	}

	for (int i = 0; i < count; i++) close(fds[i].fd);
	free(fds);
	return 0;
}
