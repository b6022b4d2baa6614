package dev.shoal.dns;

import dev.shoal.dns.forward.Forwarder;
import dev.shoal.dns.forward.Upstreams;
import dev.shoal.dns.server.QueryCounts;
import dev.shoal.dns.server.QueryProcessor;
import dev.shoal.dns.server.TcpQueryHandler;
import dev.shoal.dns.server.Transport;
import dev.shoal.dns.server.UdpQueryHandler;
import dev.shoal.dns.wire.DnsWire;
import dev.shoal.dns.zone.ZoneIndex;
import dev.shoal.dns.zone.ZoneIndexBuilder;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster DNS responder: UDP and TCP listeners on one port, served by one event loop, answering
 * the cluster zone from an index of {@link ClusterRecords} and forwarding everything else upstream.
 * The index is rebuilt on a separate thread when the records' generation changes and swapped in
 * atomically.
 *
 * <pre>{@code
 * DnsResponder dns = DnsResponder.create(DnsConfig.defaults().withBind(addr, 53), records);
 * dns.start().join();   // CompletableFuture: convert with Future.fromCompletionStage in Vert.x
 * ...
 * dns.stop().join();
 * }</pre>
 */
public final class DnsResponder {
  private static final Logger LOG = LoggerFactory.getLogger(DnsResponder.class);
  private static final int BIND_ATTEMPTS = 20;
  private static final int MAX_TCP_CONNECTIONS = 1000;
  private final DnsConfig config;
  private final ClusterRecords records;
  private final ScheduledExecutorService indexer;
  private volatile ZoneIndex index;
  private volatile Transport transport;
  private volatile EventLoopGroup group;
  private volatile Forwarder forwarder;
  private volatile Channel udp;
  private final QueryCounts counts = new QueryCounts();

  private DnsResponder(DnsConfig config, ClusterRecords records) {
    this.config = config;
    this.records = records;
    this.indexer =
        Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("shoal-dns-index", true));
  }

  public static DnsResponder create(DnsConfig config, ClusterRecords records) {
    return new DnsResponder(config, records);
  }

  /**
   * Builds the index, opens the upstream socket and binds both listeners; completes with the bound
   * address.
   */
  public CompletableFuture<InetSocketAddress> start() {
    return CompletableFuture.supplyAsync(this::startBlocking, indexer);
  }

  /** Closes the listeners and the upstream socket and stops the threads. */
  public CompletableFuture<Void> stop() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    indexer.shutdownNow();
    if (group == null) {
      done.complete(null);
      return done;
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(f -> done.complete(null));
    return done;
  }

  /**
   * Rebuilds the index now if the records' generation changed; completes when the new index is in
   * use.
   */
  public CompletableFuture<Void> refresh() {
    return CompletableFuture.runAsync(this::refreshIfChanged, indexer);
  }

  /** The UDP (and TCP) address the responder listens on, once started. */
  public InetSocketAddress address() {
    return (InetSocketAddress) udp.localAddress();
  }

  /** The upstream resolvers in use (empty when nothing is forwarded). */
  public List<InetSocketAddress> upstreams() {
    return forwarder == null ? List.of() : forwarder.upstreams();
  }

  /** How queries have been answered since the start. */
  public QueryCounts counts() {
    return counts;
  }

  /** "epoll" or "nio", once started. */
  public String transportName() {
    return transport.name();
  }

  private InetSocketAddress startBlocking() {
    index =
        new ZoneIndexBuilder(config.zone(), config.ttlSeconds(), config.negativeTtlSeconds())
            .build(records);
    transport = Transport.pick(config.nativeTransport());
    group =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("shoal-dns", true), transport.ioHandler());
    try {
      // a port-0 responder cannot be in resolv.conf; a fixed one must not forward to itself
      List<InetSocketAddress> ups =
          config.upstreams() != null
              ? config.upstreams()
              : Upstreams.fromResolvConf(
                  config.resolvConf(), new InetSocketAddress(config.bindAddress(), config.port()));
      if (!ups.isEmpty()) {
        forwarder =
            new Forwarder(
                ups,
                config.upstreamTimeout(),
                config.cacheMaxEntries(),
                config.maxCacheTtlSeconds(),
                config.maxUdpPayload());
        forwarder.bind(group, transport).syncUninterruptibly();
      }
      bindListeners(new QueryProcessor(() -> index, forwarder, config.maxUdpPayload(), counts));
    } catch (Exception e) { // Netty rethrows BindException and friends unchecked
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw new IllegalStateException(
          "DNS cannot listen on "
              + config.bindAddress().getHostAddress()
              + ":"
              + config.port()
              + ": "
              + e,
          e);
    }
    long every = config.refreshInterval().toMillis();
    indexer.scheduleWithFixedDelay(this::refreshIfChanged, every, every, TimeUnit.MILLISECONDS);
    LOG.info(
        "DNS for {} on {} (udp+tcp, {}), {} names, upstreams {}",
        config.zone(),
        address(),
        transport.name(),
        index.size(),
        upstreams());
    return address();
  }

  private void bindListeners(QueryProcessor processor) {
    Exception last = null;
    for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
      Channel u =
          transport
              .tuneListener(new Bootstrap().group(group).channel(transport.datagram()))
              .handler(new UdpQueryHandler(processor))
              .bind(config.bindAddress(), config.port())
              .syncUninterruptibly()
              .channel();
      int port = ((InetSocketAddress) u.localAddress()).getPort();
      try {
        new ServerBootstrap()
            .group(group)
            .channel(transport.server())
            .option(ChannelOption.SO_REUSEADDR, true)
            .childHandler(tcpInitializer(processor))
            .bind(config.bindAddress(), port)
            .syncUninterruptibly()
            .channel();
        udp = u;
        return;
      } catch (Exception e) { // the TCP port is taken: with port 0, try another UDP port
        u.close().syncUninterruptibly();
        last = e;
        if (config.port() != 0) {
          break;
        }
      }
    }
    throw new IllegalStateException("no port free for both UDP and TCP", last);
  }

  private ChannelInitializer<SocketChannel> tcpInitializer(QueryProcessor processor) {
    long idle = config.tcpIdleTimeout().toMillis();
    AtomicInteger open = new AtomicInteger();
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        if (open.incrementAndGet() > MAX_TCP_CONNECTIONS) {
          open.decrementAndGet();
          ch.close(); // a cap, so that idle connections cannot exhaust file descriptors
          return;
        }
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        ch.pipeline()
            .addLast(
                new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS),
                new LengthFieldBasedFrameDecoder(DnsWire.MAX_MESSAGE + 2, 0, 2, 0, 2),
                new LengthFieldPrepender(2),
                new TcpQueryHandler(processor));
      }
    };
  }

  private void refreshIfChanged() {
    try {
      long generation = records.generation();
      if (index != null && generation != index.generation()) {
        long t0 = System.nanoTime();
        index =
            new ZoneIndexBuilder(config.zone(), config.ttlSeconds(), config.negativeTtlSeconds())
                .build(records);
        LOG.debug(
            "DNS index generation {}: {} names in {} ms",
            generation,
            index.size(),
            (System.nanoTime() - t0) / 1_000_000);
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "DNS index rebuild failed, keeping generation {}: {}", index.generation(), e.toString());
    }
  }
}
