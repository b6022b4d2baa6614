package dev.shoal.dns.forward;

import dev.shoal.dns.server.Reply;
import dev.shoal.dns.server.Transport;
import dev.shoal.dns.wire.DnsWire;
import dev.shoal.dns.wire.Query;
import dev.shoal.dns.wire.ResponseWriter;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Relays queries for names outside the zone to upstream resolvers over one UDP socket, with a fresh random
 * id per upstream query. Identical questions in flight share one upstream query. Each upstream gets
 * {@code timeout}; then the next is tried; when all are silent every waiting client gets SERVFAIL. A
 * truncated (TC) upstream answer is fetched again over TCP from the same upstream. Answers go to every
 * waiting client with its own id and question case, and TC set if too big for that client. Runs entirely
 * on the responder's single event loop, so its maps need no locks.
 */
public final class Forwarder {
  private static final int MAX_IN_FLIGHT = 8192;
  private static final int MAX_WAITERS = 256;
  private final List<InetSocketAddress> upstreams;
  private final long timeoutNanos;
  private final int maxCacheSeconds;
  private final int serverPayload;
  private final ResponseCache cache;
  private final Map<String, Pending> byQuestion = new HashMap<>();
  private final Map<Integer, Pending> byId = new HashMap<>();
  private Channel channel;
  private Class<? extends SocketChannel> socketType;
  private long upstreamQueries;

  public Forwarder(List<InetSocketAddress> upstreams, Duration timeout, int cacheEntries, int maxCacheSeconds,
      int serverPayload) {
    this.upstreams = List.copyOf(upstreams);
    this.timeoutNanos = timeout.toNanos();
    this.maxCacheSeconds = maxCacheSeconds;
    this.serverPayload = serverPayload;
    this.cache = new ResponseCache(cacheEntries);
  }

  /** Opens the upstream socket on {@code group} (which must be the responder's one-thread group). */
  public ChannelFuture bind(EventLoopGroup group, Transport transport) {
    this.socketType = transport.socket();
    ChannelFuture bound = new Bootstrap().group(group).channel(transport.datagram())
        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DnsWire.MAX_MESSAGE))
        .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            onUpstream(ctx.alloc(), packet);
          }
        })
        .bind(0);
    channel = bound.channel();
    return bound;
  }

  public ChannelFuture close() {
    return channel == null ? null : channel.close();
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

  /** Answers {@code msg} (not released here) through {@code reply}, now from the cache or later from upstream. */
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
    if (pending != null || byId.size() >= MAX_IN_FLIGHT || upstreams.isEmpty() || channel == null) {
      reply.send(failure(alloc, waiter));
      return;
    }
    int id = freeId();
    byte[] query = new byte[msg.readableBytes()];
    msg.getBytes(msg.readerIndex(), query);
    query[0] = (byte) (id >> 8);
    query[1] = (byte) id;
    pending = new Pending(key, id, query, question);
    pending.waiters.add(waiter);
    byQuestion.put(key, pending);
    byId.put(id, pending);
    send(pending);
  }

  private void send(Pending p) {
    upstreamQueries++;
    InetSocketAddress to = upstreams.get(p.attempt);
    channel.writeAndFlush(new DatagramPacket(channel.alloc().ioBuffer(p.query.length).writeBytes(p.query), to));
    Pending self = p;
    int attempt = p.attempt;
    p.timer = channel.eventLoop().schedule(() -> onTimeout(self, attempt), timeoutNanos, TimeUnit.NANOSECONDS);
  }

  private void onTimeout(Pending p, int attempt) {
    if (byId.get(p.id) != p || p.attempt != attempt || p.tcp != null) {
      return;
    }
    if (p.attempt + 1 < upstreams.size()) {
      p.attempt++;
      send(p);
      return;
    }
    finish(p);
    for (Waiter w : p.waiters) {
      w.reply.send(failure(channel.alloc(), w));
    }
  }

  private void onUpstream(ByteBufAllocator alloc, DatagramPacket packet) {
    ByteBuf msg = packet.content();
    if (msg.readableBytes() < DnsWire.HEADER_LENGTH) {
      return;
    }
    Pending p = byId.get(msg.getUnsignedShort(msg.readerIndex()));
    if (p == null || !upstreams.subList(0, p.attempt + 1).contains(packet.sender())) {
      return;
    }
    UpstreamAnswer answer = UpstreamAnswer.read(msg, maxCacheSeconds);
    if (answer == null || !answer.sameQuestion(p.question)) {
      return; // not an answer to our question: keep waiting for the real one or the timeout
    }
    if (answer.truncated() && p.tcp == null) {
      retryOverTcp(p, answer, packet.sender());
      return;
    }
    deliver(alloc, p, answer);
  }

  /** The upstream's UDP answer did not fit: ask it again over TCP, falling back to the truncated answer. */
  private void retryOverTcp(Pending p, UpstreamAnswer truncated, InetSocketAddress upstream) {
    p.timer.cancel(false);
    p.tcp = TcpExchange.start(channel.eventLoop(), socketType, upstream, p.query, (int) (timeoutNanos / 1_000_000),
        msg -> {
          UpstreamAnswer full = UpstreamAnswer.read(msg, maxCacheSeconds);
          boolean ok = full != null && msg.getUnsignedShort(msg.readerIndex()) == p.id && full.sameQuestion(p.question);
          if (byId.get(p.id) == p) {
            deliver(channel.alloc(), p, ok ? full : truncated);
          }
        },
        () -> {
          if (byId.get(p.id) == p) {
            deliver(channel.alloc(), p, truncated);
          }
        });
    upstreamQueries++;
    p.timer = channel.eventLoop().schedule(() -> {
      if (byId.get(p.id) == p) {
        deliver(channel.alloc(), p, truncated);
      }
    }, timeoutNanos, TimeUnit.NANOSECONDS);
  }

  private void deliver(ByteBufAllocator alloc, Pending p, UpstreamAnswer answer) {
    finish(p);
    cache.put(p.key, answer, System.nanoTime());
    for (Waiter w : p.waiters) {
      w.reply.send(render(alloc, answer, w, 0));
    }
  }

  private void finish(Pending p) {
    byId.remove(p.id);
    byQuestion.remove(p.key);
    if (p.tcp != null) {
      p.tcp.cancel();
    }
    if (p.timer != null) {
      p.timer.cancel(false);
    }
  }

  /** The upstream answer for one client: its id and question case, TTLs aged, TC when it is too big. */
  private ByteBuf render(ByteBufAllocator alloc, UpstreamAnswer answer, Waiter w, long agedSeconds) {
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
    ResponseWriter.header(out, w.id, ResponseWriter.flags(w.flags, DnsWire.RCODE_SERVFAIL, false), 1, 0, 0,
        w.edns ? 1 : 0);
    out.writeBytes(w.question);
    if (w.edns) {
      ResponseWriter.opt(out, serverPayload, 0);
    }
    return out;
  }

  private int freeId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int id;
    do {
      id = random.nextInt(65536);
    } while (byId.containsKey(id));
    return id;
  }

  private record Waiter(int id, int flags, byte[] question, boolean edns, Reply reply) {}

  private static final class Pending {
    final String key;
    final int id;
    final byte[] query;
    final byte[] question;
    final List<Waiter> waiters = new ArrayList<>(1);
    int attempt;
    io.netty.util.concurrent.ScheduledFuture<?> timer;
    TcpExchange tcp;

    Pending(String key, int id, byte[] query, byte[] question) {
      this.key = key;
      this.id = id;
      this.query = query;
      this.question = question;
    }
  }
}
