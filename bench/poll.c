/*
 * The C baseline for zsock_poll over many descriptors: opens N UDP sockets
 * on 127.0.0.1, makes the middle one readable, then times poll(2) with
 * timeout 0 over all of them. Prints nanoseconds per call.
 *
 *   cc -O2 -o poll bench/poll.c && ./poll [count=1024] [iterations=20000]
 */
#include <arpa/inet.h>
#include <netinet/in.h>
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
	long iterations = argc > 2 ? atol(argv[2]) : 20000;
	struct rlimit lim;

	if (count < 2 || iterations < 1) {
		fprintf(stderr, "usage: poll [count>=2] [iterations>=1]\n");
		return 2;
	}
	/* Room for every socket plus stdio: raise the soft limit up to the hard one. */
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
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = 0 };
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (int i = 0; i < count; i++) {
		int fd = socket(AF_INET, SOCK_DGRAM, 0);
		if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0) {
			perror("socket/bind");
			return 1;
		}
		fds[i].fd = fd;
		fds[i].events = POLLIN;
	}

	/* One datagram from the first socket to the middle one. */
	struct sockaddr_in to;
	socklen_t len = sizeof(to);
	if (getsockname(fds[count / 2].fd, (struct sockaddr *)&to, &len) != 0) {
		perror("getsockname");
		return 1;
	}
	char byte = 1;
	if (sendto(fds[0].fd, &byte, 1, 0, (struct sockaddr *)&to, len) != 1) {
		perror("sendto");
		return 1;
	}
	if (poll(fds, (nfds_t)count, 2000) != 1) {
		fprintf(stderr, "poll: the datagram did not arrive\n");
		return 1;
	}

	for (long i = 0; i < iterations / 10 + 100; i++) poll(fds, (nfds_t)count, 0);
	double start = now_ns();
	for (long i = 0; i < iterations; i++) {
		if (poll(fds, (nfds_t)count, 0) != 1) {
			fprintf(stderr, "poll: expected one ready descriptor\n");
			return 1;
		}
	}
	double elapsed = now_ns() - start;
	printf("%.1f\n", elapsed / (double)iterations);

	for (int i = 0; i < count; i++) close(fds[i].fd);
	free(fds);
	return 0;
}
