package dev.shoal.dns.forward;

import dev.shoal.dns.server.Reply;
import dev.shoal.dns.server.Transport;
import dev.shoal.dns.wire.DnsWire;
import dev.shoal.dns.wire.Query;
import dev.shoal.dns.wire.ResponseWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Relays queries for names outside the zone to upstream resolvers. Against spoofed answers (cache
 * poisoning) every upstream query gets its own id from a {@link java.security.SecureRandom} and
 * leaves from a socket picked at random from a pool on random ephemeral ports ({@link SourcePorts},
 * rotated); an answer counts only when it arrives on that socket, from the very upstream address
 * and port that query went to, with that id and the same question. Anything else is dropped and the
 * real answer still awaited. Identical questions in flight share one upstream query. Each upstream
 * gets {@code timeout}; then the next is tried (a new id, a new socket); when all are silent every
 * waiting client gets SERVFAIL. A truncated (TC) upstream answer is fetched again over TCP from the
 * same upstream. Answers go to every waiting client with its own id and question case, and TC set
 * if too big for that client. Runs entirely on the responder's single event loop, so its maps need
 * no locks.
 */
public final class Forwarder {
  private static final int MAX_IN_FLIGHT = 8192;
  private static final int MAX_WAITERS = 256;

  /**
   * Sockets in the source-port pool, and the queries each carries before a fresh port replaces it.
   */
  static final int SOURCE_PORTS = 8;

  static final int ROTATE_AFTER = 256;
  private final List<InetSocketAddress> upstreams;
  private final long timeoutNanos;
  private final int maxCacheSeconds;
  private final int serverPayload;
  private final ResponseCache cache;
  private final RandomBits random = new RandomBits();
  private final SourcePorts ports;
  private final Map<String, Pending> byQuestion = new HashMap<>();
  private final Map<Integer, Attempt> byId = new HashMap<>();
  private EventLoop loop;

  /**
   * The upstream sockets' allocator, for answers that are not written in reply to a client's read;
   * null until bound.
   */
  private ByteBufAllocator upstreamAlloc;

  private Class<? extends SocketChannel> socketType;
  private long upstreamQueries;

  public Forwarder(
      List<InetSocketAddress> upstreams,
      Duration timeout,
      int cacheEntries,
      int maxCacheSeconds,
      int serverPayload) {
    this.upstreams = List.copyOf(upstreams);
    this.timeoutNanos = timeout.toNanos();
    this.maxCacheSeconds = maxCacheSeconds;
    this.serverPayload = serverPayload;
    this.cache = new ResponseCache(cacheEntries);
    this.ports = new SourcePorts(SOURCE_PORTS, ROTATE_AFTER, random, this::onUpstream);
  }

  /**
   * Opens the upstream sockets on {@code group} (which must be the responder's one-thread group).
   */
  public Future<Void> bind(EventLoopGroup group, Transport transport) {
    this.socketType = transport.socket();
    this.loop = group.next();
    return ports
        .open(group, transport)
        .addListener(
            f -> {
              if (f.isSuccess()) {
                upstreamAlloc = ports.allocator();
              }
            });
  }

  public void close() {
    ports.close();
  }

  public List<InetSocketAddress> upstreams() {
    return upstreams;
  }

  /** Queries sent upstream so far (for tests and stats). */
  public long upstreamQueries() {
    return upstreamQueries;
  }

  public long cacheHits() {
    return cache.hits();
  }

  /**
   * Answers {@code msg} (not released here) through {@code reply}, now from the cache or later from
   * upstream.
   */
  public void forward(ByteBufAllocator alloc, ByteBuf msg, Query q, Reply reply) {
    byte[] question = new byte[q.questionLength()];
    msg.getBytes(msg.readerIndex() + DnsWire.HEADER_LENGTH, question);
    Waiter waiter = new Waiter(q.id(), q.flags(), question, q.edns(), reply);
    // answers differ with EDNS (OPT present) and with the DO bit (DNSSEC records): keep them apart
    String key = q.name() + '|' + q.type() + (q.edns() ? q.dnssecOk() ? "|do" : "|e" : "");
    long now = System.nanoTime();
    ResponseCache.Entry hit = cache.get(key, now);
    if (hit != null) {
      reply.send(render(alloc, hit.answer(), waiter, (now - hit.storedNanos()) / 1_000_000_000L));
      return;
    }
    Pending pending = byQuestion.get(key);
    if (pending != null && pending.waiters.size() < MAX_WAITERS) {
      pending.waiters.add(waiter);
      return;
    }
    if (pending != null
        || byId.size() >= MAX_IN_FLIGHT
        || upstreams.isEmpty()
        || upstreamAlloc == null) {
      reply.send(failure(alloc, waiter));
      return;
    }
    byte[] query = new byte[msg.readableBytes()];
    msg.getBytes(msg.readerIndex(), query);
    pending = new Pending(key, query, question);
    pending.waiters.add(waiter);
    byQuestion.put(key, pending);
    send(pending);
  }

  /**
   * One more upstream query for {@code p}: to its current upstream, a fresh id, a random source
   * port.
   */
  private void send(Pending p) {
    upstreamQueries++;
    Attempt a = new Attempt(p, freeId(), ports.take(), upstreams.get(p.upstream));
    p.attempts.add(a);
    byId.put(a.id, a);
    Channel channel = a.port.channel();
    ByteBuf out = channel.alloc().ioBuffer(p.query.length).writeBytes(p.query);
    out.setShort(0, a.id);
    channel.writeAndFlush(new DatagramPacket(out, a.upstream));
    int upstream = p.upstream;
    p.timer = loop.schedule(() -> onTimeout(p, upstream), timeoutNanos, TimeUnit.NANOSECONDS);
  }

  private void onTimeout(Pending p, int upstream) {
    if (p.done || p.upstream != upstream || p.tcp != null) {
      return;
    }
    if (p.upstream + 1 < upstreams.size()) {
      p.upstream++;
      send(p);
      return;
    }
    finish(p);
    for (Waiter w : p.waiters) {
      w.reply.send(failure(upstreamAlloc, w));
    }
  }

  /**
   * A datagram on one of the source ports. It answers an attempt only when it came to that
   * attempt's socket, from that attempt's upstream (address and port), with its id and question;
   * else it is dropped (a late or forged packet) and the attempt keeps waiting for the real answer
   * or its timeout.
   */
  private void onUpstream(SourcePorts.Port port, DatagramPacket packet) {
    ByteBuf msg = packet.content();
    if (msg.readableBytes() < DnsWire.HEADER_LENGTH) {
      return;
    }
    Attempt a = byId.get(msg.getUnsignedShort(msg.readerIndex()));
    if (a == null || a.port != port || !a.upstream.equals(packet.sender())) {
      return;
    }
    UpstreamAnswer answer = UpstreamAnswer.read(msg, maxCacheSeconds);
    if (answer == null || !answer.sameQuestion(a.pending.question)) {
      return;
    }
    if (answer.truncated() && a.pending.tcp == null) {
      retryOverTcp(a, answer);
      return;
    }
    deliver(a.pending, answer);
  }

  /**
   * The upstream's UDP answer did not fit: ask it again over TCP, falling back to the truncated
   * answer.
   */
  private void retryOverTcp(Attempt a, UpstreamAnswer truncated) {
    Pending p = a.pending;
    p.timer.cancel(false);
    byte[] query = p.query.clone();
    query[0] = (byte) (a.id >> 8);
    query[1] = (byte) a.id;
    p.tcp =
        TcpExchange.start(
            loop,
            socketType,
            a.upstream,
            query,
            (int) (timeoutNanos / 1_000_000),
            msg -> {
              UpstreamAnswer full = UpstreamAnswer.read(msg, maxCacheSeconds);
              boolean ok =
                  full != null
                      && msg.getUnsignedShort(msg.readerIndex()) == a.id
                      && full.sameQuestion(p.question);
              if (!p.done) {
                deliver(p, ok ? full : truncated);
              }
            },
            () -> {
              if (!p.done) {
                deliver(p, truncated);
              }
            });
    upstreamQueries++;
    p.timer =
        loop.schedule(
            () -> {
              if (!p.done) {
                deliver(p, truncated);
              }
            },
            timeoutNanos,
            TimeUnit.NANOSECONDS);
  }

  private void deliver(Pending p, UpstreamAnswer answer) {
    finish(p);
    cache.put(p.key, answer, System.nanoTime());
    for (Waiter w : p.waiters) {
      w.reply.send(render(upstreamAlloc, answer, w, 0));
    }
  }

  /**
   * Ends {@code p}: its ids are no longer answered, its sockets go back, its timer and TCP query
   * stop.
   */
  private void finish(Pending p) {
    p.done = true;
    byQuestion.remove(p.key);
    for (Attempt a : p.attempts) {
      byId.remove(a.id);
      ports.release(a.port);
    }
    if (p.tcp != null) {
      p.tcp.cancel();
    }
    if (p.timer != null) {
      p.timer.cancel(false);
    }
  }

  /**
   * The upstream answer for one client: its id and question case, TTLs aged, TC when it is too big.
   */
  private ByteBuf render(
      ByteBufAllocator alloc, UpstreamAnswer answer, Waiter w, long agedSeconds) {
    byte[] m = answer.message;
    if (m.length > w.reply.limit()) {
      ByteBuf out = alloc.ioBuffer(DnsWire.HEADER_LENGTH + w.question.length + DnsWire.OPT_LENGTH);
      int flags = (m[2] & 0xff) << 8 | (m[3] & 0xff);
      ResponseWriter.header(out, w.id, flags | DnsWire.FLAG_TC, 1, 0, 0, w.edns ? 1 : 0);
      out.writeBytes(w.question);
      if (w.edns) {
        ResponseWriter.opt(out, serverPayload, 0);
      }
      return out;
    }
    ByteBuf out = alloc.ioBuffer(m.length).writeBytes(m);
    out.setShort(0, w.id);
    out.setBytes(DnsWire.HEADER_LENGTH, w.question);
    if (agedSeconds > 0) {
      for (int off : answer.ttlOffsets) {
        out.setInt(off, (int) Math.max(0, out.getUnsignedInt(off) - agedSeconds));
      }
    }
    return out;
  }

  private ByteBuf failure(ByteBufAllocator alloc, Waiter w) {
    ByteBuf out = alloc.ioBuffer(DnsWire.HEADER_LENGTH + w.question.length + DnsWire.OPT_LENGTH);
    ResponseWriter.header(
        out,
        w.id,
        ResponseWriter.flags(w.flags, DnsWire.RCODE_SERVFAIL, false),
        1,
        0,
        0,
        w.edns ? 1 : 0);
    out.writeBytes(w.question);
    if (w.edns) {
      ResponseWriter.opt(out, serverPayload, 0);
    }
    return out;
  }

  private int freeId() {
    int id;
    do {
      id = random.next16();
    } while (byId.containsKey(id));
    return id;
  }

  private record Waiter(int id, int flags, byte[] question, boolean edns, Reply reply) {}

  /** One query sent upstream: what an answer must match (id, socket, upstream) to count. */
  private record Attempt(
      Pending pending, int id, SourcePorts.Port port, InetSocketAddress upstream) {}

  /** A question in flight, its waiting clients, and every upstream query sent for it so far. */
  private static final class Pending {
    final String key;
    final byte[] query;
    final byte[] question;
    final List<Waiter> waiters = new ArrayList<>(1);
    final List<Attempt> attempts = new ArrayList<>(1);
    int upstream;
    boolean done;
    io.netty.util.concurrent.ScheduledFuture<?> timer;
    TcpExchange tcp;

    Pending(String key, byte[] query, byte[] question) {
      this.key = key;
      this.query = query;
      this.question = question;
    }
  }
}
