package dev.shoal.dns.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty transport the responder runs on: Linux epoll when its native library loads (it reads up
 * to {@link #BATCH} datagrams per recvmmsg call and writes a flushed batch of answers with one
 * sendmmsg), or Java NIO (one syscall per datagram each way).
 */
public record Transport(
    String name,
    IoHandlerFactory ioHandler,
    Class<? extends DatagramChannel> datagram,
    Class<? extends ServerSocketChannel> server,
    Class<? extends SocketChannel> socket,
    boolean epoll) {

  /** Datagrams read per recvmmsg call (epoll). */
  public static final int BATCH = 16;

  /**
   * Largest query accepted; longer datagrams arrive cut and get FORMERR. BATCH * MAX_QUERY stays at
   * 32 KiB so the receive buffer comes from the pooled allocator: a 128 KiB one was allocated,
   * zeroed and freed on every read (page faults and memory clearing showed up in perf).
   */
  private static final int MAX_QUERY = 2048;

  public static Transport pick(boolean preferNative) {
    if (preferNative && Epoll.isAvailable()) {
      return new Transport(
          "epoll",
          EpollIoHandler.newFactory(),
          EpollDatagramChannel.class,
          EpollServerSocketChannel.class,
          EpollSocketChannel.class,
          true);
    }
    return new Transport(
        "nio",
        NioIoHandler.newFactory(),
        NioDatagramChannel.class,
        NioServerSocketChannel.class,
        NioSocketChannel.class,
        false);
  }

  /** Receive options for the listening UDP socket: big socket buffer, batched reads. */
  public Bootstrap tuneListener(Bootstrap b) {
    b.option(ChannelOption.SO_RCVBUF, 4 << 20);
    if (epoll) {
      // one buffer of BATCH slots; recvmmsg fills one slot per datagram
      return b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_QUERY)
          .option(
              ChannelOption.RCVBUF_ALLOCATOR,
              new FixedRecvByteBufAllocator(MAX_QUERY * BATCH).maxMessagesPerRead(BATCH * 2));
    }
    return b.option(
        ChannelOption.RCVBUF_ALLOCATOR,
        new FixedRecvByteBufAllocator(MAX_QUERY).maxMessagesPerRead(BATCH * 2));
  }
}
