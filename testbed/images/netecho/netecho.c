/*
 * netecho: a TCP and UDP server that tells each client who answered and whom it saw, and a UDP client,
 * for Shoal's end-to-end tests (source addresses across the overlay, services over UDP, connections held
 * across endpoint changes). Built static so it runs in a FROM scratch image.
 *
 *   netecho serve PORT        TCP and UDP on PORT. A TCP connection is greeted with the line
 *                             "<hostname> <peer-ip>:<peer-port>", then whatever it sends is echoed back
 *                             until it closes (one process per connection). Each UDP datagram is answered
 *                             with "<hostname> <peer-ip>:<peer-port> <payload>".
 *   netecho udp HOST PORT N   sends N datagrams ("1" .. "N") to HOST:PORT from one socket, waiting up to
 *                             2 s for each answer; prints "<source-ip>:<source-port> <answer>" per answer
 *                             (the source as the kernel reports it, not as the answer claims); exits 1 if
 *                             an answer was missing.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char host[128] = "unknown";

static int bound(int type, int port) {
  int one = 1, fd = socket(AF_INET, type, 0);
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = INADDR_ANY};
  if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) || (type == SOCK_STREAM && listen(fd, 128))) {
    perror("netecho: socket/bind/listen");
    exit(1);
  }
  return fd;
}

static int peer_text(char *out, size_t size, const struct sockaddr_in *peer) {
  char ip[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &peer->sin_addr, ip, sizeof ip);
  return snprintf(out, size, "%s:%d", ip, ntohs(peer->sin_port));
}

static void serve_connection(int fd, const struct sockaddr_in *peer) {
  char buf[4096], who[64];
  peer_text(who, sizeof who, peer);
  int n = snprintf(buf, sizeof buf, "%s %s\n", host, who);
  if (write(fd, buf, n) != n) _exit(1);
  ssize_t r;
  while ((r = read(fd, buf, sizeof buf)) > 0) {
    for (ssize_t done = 0, w; done < r; done += w) {
      if ((w = write(fd, buf + done, r - done)) <= 0) _exit(1);
    }
  }
  _exit(0);
}

static void answer_datagram(int fd) {
  char in[2048], out[2300], who[64];
  struct sockaddr_in peer;
  socklen_t len = sizeof peer;
  ssize_t r = recvfrom(fd, in, sizeof in - 1, 0, (struct sockaddr *)&peer, &len);
  if (r < 0) return;
  while (r > 0 && (in[r - 1] == '\n' || in[r - 1] == '\r')) r--;
  in[r] = 0;
  peer_text(who, sizeof who, &peer);
  int n = snprintf(out, sizeof out, "%s %s %s\n", host, who, in);
  sendto(fd, out, n, 0, (struct sockaddr *)&peer, len);
}

static int serve(int port) {
  signal(SIGCHLD, SIG_IGN); /* connection processes are reaped by the kernel */
  int tcp = bound(SOCK_STREAM, port), udp = bound(SOCK_DGRAM, port);
  struct pollfd fds[2] = {{.fd = tcp, .events = POLLIN}, {.fd = udp, .events = POLLIN}};
  for (;;) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      perror("netecho: poll");
      return 1;
    }
    if (fds[1].revents & POLLIN) answer_datagram(udp);
    if (fds[0].revents & POLLIN) {
      struct sockaddr_in peer;
      socklen_t len = sizeof peer;
      int c = accept(tcp, (struct sockaddr *)&peer, &len);
      if (c < 0) continue;
      pid_t child = fork();
      if (child == 0) {
        close(tcp);
        close(udp);
        serve_connection(c, &peer);
      }
      close(c);
    }
  }
}

static int udp_client(const char *ip, int port, int count) {
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
  if (inet_pton(AF_INET, ip, &to.sin_addr) != 1) {
    fprintf(stderr, "netecho: not an IPv4 address: %s\n", ip);
    return 2;
  }
  int fd = socket(AF_INET, SOCK_DGRAM, 0), missing = 0;
  for (int i = 1; i <= count; i++) {
    char msg[32], in[2048], from[64];
    int n = snprintf(msg, sizeof msg, "%d", i);
    if (sendto(fd, msg, n, 0, (struct sockaddr *)&to, sizeof to) != n) {
      perror("netecho: sendto");
      return 1;
    }
    struct pollfd p = {.fd = fd, .events = POLLIN};
    if (poll(&p, 1, 2000) <= 0) {
      fprintf(stderr, "netecho: no answer to datagram %d\n", i);
      missing++;
      continue;
    }
    struct sockaddr_in src;
    socklen_t len = sizeof src;
    ssize_t r = recvfrom(fd, in, sizeof in - 1, 0, (struct sockaddr *)&src, &len);
    if (r < 0) {
      perror("netecho: recvfrom");
      missing++;
      continue;
    }
    while (r > 0 && (in[r - 1] == '\n' || in[r - 1] == '\r')) r--;
    in[r] = 0;
    peer_text(from, sizeof from, &src);
    printf("%s %s\n", from, in);
    fflush(stdout);
  }
  return missing ? 1 : 0;
}

int main(int argc, char **argv) {
  gethostname(host, sizeof host);
  if (argc == 3 && strcmp(argv[1], "serve") == 0) return serve(atoi(argv[2]));
  if (argc == 5 && strcmp(argv[1], "udp") == 0) return udp_client(argv[2], atoi(argv[3]), atoi(argv[4]));
  fprintf(stderr, "usage: netecho serve PORT | netecho udp HOST PORT COUNT\n");
  return 2;
}
