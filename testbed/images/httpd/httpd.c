/*
 * A tiny HTTP/1.1 server for load-balancer benchmarks: one thread, epoll, keep-alive, answers every
 * request with a fixed body ("hello from <hostname>"). A request carrying "Connection: close" is
 * answered and its connection closed. Built static so it runs in a FROM scratch image.
 *   httpd PORT
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_EVENTS 256
#define BUF 8192

int main(int argc, char **argv) {
  int port = argc > 1 ? atoi(argv[1]) : 8080;
  char host[128] = "unknown", body[256], keep[512], last[512];
  gethostname(host, sizeof host);
  int body_len = snprintf(body, sizeof body, "hello from %s\n", host);
  int keep_len = snprintf(keep, sizeof keep, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s",
                          body_len, body);
  int last_len = snprintf(last, sizeof last,
                          "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s",
                          body_len, body);
  int one = 1, listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = INADDR_ANY};
  if (bind(listener, (struct sockaddr *)&addr, sizeof addr) || listen(listener, 4096)) {
    perror("httpd: bind/listen");
    return 1;
  }
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = listener}, events[MAX_EVENTS];
  epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
  static char buf[BUF];
  for (;;) {
    int n = epoll_wait(ep, events, MAX_EVENTS, -1);
    for (int i = 0; i < n; i++) {
      int fd = events[i].data.fd;
      if (fd == listener) {
        int c;
        while ((c = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
          setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          struct epoll_event cev = {.events = EPOLLIN, .data.fd = c};
          epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
        }
        continue;
      }
      ssize_t r = read(fd, buf, BUF - 1);
      if (r <= 0) {
        if (r < 0 && errno == EAGAIN) continue;
        close(fd);
        continue;
      }
      buf[r] = 0;
      /* One answer per request head in the buffer (pipelined requests included). */
      int close_after = 0;
      for (char *p = buf; (p = strstr(p, "\r\n\r\n")) != NULL; p += 4) {
        close_after = strcasestr(buf, "connection: close") != NULL;
        if (write(fd, close_after ? last : keep, close_after ? last_len : keep_len) < 0) break;
      }
      if (close_after) close(fd);
    }
  }
}
