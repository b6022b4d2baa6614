package dev.shoal.overlay.lb;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class InetChannelsTest {

    @Test
    void onlyIpv4LiteralsOtherThanTheWildcardAreIpv4() {
        assertTrue(InetChannels.isIpv4("10.244.1.7"));
        assertTrue(InetChannels.isIpv4("127.0.0.1"));
        assertFalse(InetChannels.isIpv4("0.0.0.0"));
        assertFalse(InetChannels.isIpv4("::1"));
        assertFalse(InetChannels.isIpv4("::ffff:10.0.0.1"));
        assertFalse(InetChannels.isIpv4("localhost"));
        assertFalse(InetChannels.isIpv4(""));
    }

    @Test
    void anIpv4ChannelOfNioConnectsToAnIpv4Address() throws Exception {
        InetChannels<Channel> channels = InetChannels.of(NioSocketChannel::new);
        Channel channel = channels.forAddress("127.0.0.1").newChannel();
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            new io.netty.channel.nio.NioEventLoopGroup(1).register(channel).sync();
            channel.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort())).sync();
            InetSocketAddress local = (InetSocketAddress) channel.localAddress();
            assertTrue(local.getAddress() instanceof Inet4Address, "local address " + local);
        } finally {
            channel.close().sync();
            channel.eventLoop().shutdownGracefully();
        }
    }
}
