# Test helper for NftNetnsTest, run inside a network namespace with /usr/bin/python3.
#   serve ADDR:PORT...   TCP and UDP servers; each connection (datagram) is answered with "<addr>:<port> <peer-ip>"
#   tcp HOST PORT N      N connections, one answer line each; "refused <ms>" when refused
#   udp HOST PORT N      N datagrams from one socket, one answer line each ("timeout" when none comes in 2 s)
import socket, sys, threading, time

def serve(addr, port):
    t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); t.bind((addr, port)); t.listen(64)
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind((addr, port))
    def tcp():
        while True:
            c, peer = t.accept(); c.sendall(("%s:%d %s\n" % (addr, port, peer[0])).encode()); c.close()
    def udp():
        while True:
            data, peer = u.recvfrom(2048); u.sendto(("%s:%d %s\n" % (addr, port, peer[0])).encode(), peer)
    threading.Thread(target=tcp, daemon=True).start(); threading.Thread(target=udp, daemon=True).start()

cmd = sys.argv[1]
if cmd == "serve":
    for a in sys.argv[2:]:
        host, port = a.rsplit(":", 1); serve(host, int(port))
    print("ready", flush=True)
    sys.stdin.read()
elif cmd == "tcp":
    host, port, n = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    src = sys.argv[5] if len(sys.argv) > 5 else None
    for _ in range(n):
        s = socket.socket(); s.settimeout(5)
        if src: s.bind((src, 0))
        start = time.monotonic()
        try:
            s.connect((host, port)); print(s.makefile().readline().strip(), flush=True)
        except ConnectionRefusedError:
            print("refused %d" % ((time.monotonic() - start) * 1000), flush=True)
        except OSError as e:
            print("error %s" % e, flush=True)
        s.close()
elif cmd == "udp":
    host, port, n = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2)
    for i in range(n):
        s.sendto(str(i).encode(), (host, port))
        try:
            print(s.recv(2048).decode().strip(), flush=True)
        except socket.timeout:
            print("timeout", flush=True)
