package dev.shoal.dns.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.dns.server.Transport;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The source-port pool on real sockets: random choice, rotation to fresh ports, retired sockets
 * closed.
 */
class SourcePortsTest {
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private <T> T onLoop(Callable<T> task) throws Exception {
    return group.next().submit(task).get(10, TimeUnit.SECONDS);
  }

  @Test
  void everyPortIsUsedAndSocketsAreReplacedAfterTheirShareOfQueries() throws Exception {
    SourcePorts ports = new SourcePorts(4, 5, new RandomBits(), (port, packet) -> {});
    ports.open(group, Transport.pick(false)).syncUninterruptibly();
    assertEquals(4, ports.opened());
    List<SourcePorts.Port> taken = new ArrayList<>();
    Set<Integer> localPorts = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      SourcePorts.Port p = onLoop(ports::take);
      taken.add(p);
      localPorts.add(((InetSocketAddress) p.channel().localAddress()).getPort());
    }
    long opened = ports.opened();
    // 100 queries over a pool of 4, each socket replaced after 5: about 24 sockets (fewer if a bind
    // lags)
    assertTrue(opened >= 12, "opened " + opened);
    assertTrue(localPorts.size() >= 10, "distinct source ports " + localPorts);
    // a retired socket stays open while a query waits on it, and closes after its last one
    assertTrue(taken.get(0).channel().isOpen());
    for (SourcePorts.Port p : taken) {
      onLoop(
          () -> {
            ports.release(p);
            return null;
          });
    }
    List<Channel> channels = taken.stream().map(SourcePorts.Port::channel).distinct().toList();
    // Retired sockets close on the loop as their replacements finish binding: wait on each close.
    Semaphore closes = new Semaphore(0);
    channels.forEach(c -> c.closeFuture().addListener(f -> closes.release()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (channels.stream().filter(Channel::isOpen).count() > 4) {
      assertTrue(
          closes.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS),
          "only the pool's current sockets stay open; open: "
              + channels.stream().filter(Channel::isOpen).count());
    }
    ports.close();
    for (Channel c : channels) {
      assertTrue(c.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS), "closed with the pool");
    }
  }
}
