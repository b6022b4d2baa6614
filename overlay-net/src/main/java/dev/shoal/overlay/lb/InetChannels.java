package dev.shoal.overlay.lb;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.socket.SocketProtocolFamily;
import java.lang.reflect.Constructor;
import java.nio.channels.spi.SelectorProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes channels of a transport's kind for one address family: an IPv4 socket where the address is
 * IPv4, as pod and node addresses are, instead of the transport's default dual-stack IPv6 socket (which
 * costs an extra socket option per socket and IPv4-mapped addresses in every address the kernel returns).
 * The IPv4 kind is made with the channel class's own protocol-family constructor (the native transport's,
 * or NIO's with the default selector provider), found once by reflection so this module needs no native
 * transport classes; a transport without one gets the default kind for every address.
 */
final class InetChannels<C extends Channel> {

    private static final Logger LOG = LoggerFactory.getLogger(InetChannels.class);

    private final ChannelFactory<? extends C> any;
    private final ChannelFactory<? extends C> ipv4;

    private InetChannels(ChannelFactory<? extends C> any, ChannelFactory<? extends C> ipv4) {
        this.any = any;
        this.ipv4 = ipv4;
    }

    /** From the transport's default channel factory; opens (and closes) one channel to learn its class. */
    static <C extends Channel> InetChannels<C> of(ChannelFactory<? extends C> any) {
        C probe = any.newChannel();
        @SuppressWarnings("unchecked")
        Class<? extends C> type = (Class<? extends C>) probe.getClass();
        probe.unsafe().closeForcibly();
        try {
            Constructor<? extends C> inet = type.getConstructor(SocketProtocolFamily.class);
            return new InetChannels<>(any, () -> newChannel(inet, SocketProtocolFamily.INET));
        } catch (NoSuchMethodException e) {
            // NIO's channels take the selector provider first
        }
        try {
            Constructor<? extends C> inet = type.getConstructor(SelectorProvider.class, SocketProtocolFamily.class);
            SelectorProvider provider = SelectorProvider.provider();
            return new InetChannels<>(any, () -> newChannel(inet, provider, SocketProtocolFamily.INET));
        } catch (NoSuchMethodException e) {
            LOG.debug("{} has no protocol-family constructor: sockets are of the default kind", type);
            return new InetChannels<>(any, any);
        }
    }

    /** The factory for a socket that connects to or binds {@code ip}, a literal address. */
    ChannelFactory<? extends C> forAddress(String ip) {
        return isIpv4(ip) ? ipv4 : any;
    }

    /**
     * An IPv4 literal other than the wildcard (a dual-stack socket bound to 0.0.0.0 also takes IPv6);
     * a host name may resolve to IPv6, so it gets the default kind.
     */
    static boolean isIpv4(String ip) {
        return !ip.isEmpty() && ip.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))
                && !ip.equals("0.0.0.0");
    }

    private static <C extends Channel> C newChannel(Constructor<? extends C> constructor, Object... args) {
        try {
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create an IPv4 channel of " + constructor.getDeclaringClass(), e);
        }
    }
}
