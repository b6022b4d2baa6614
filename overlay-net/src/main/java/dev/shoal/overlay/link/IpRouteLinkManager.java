package dev.shoal.overlay.link;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.exec.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link LinkManager} on iproute2: runs {@code ip} and {@code bridge} (reading with {@code -j})
 * through a {@link CommandRunner}, whose prefix selects the network namespace when one is wanted,
 * for example {@code nsenter --net=/run/netns/NS}.
 */
public final class IpRouteLinkManager implements LinkManager {

  private final CommandRunner runner;

  public IpRouteLinkManager(CommandRunner runner) {
    this.runner = runner;
  }

  /** Works in the agent's own network namespace, five seconds per command. */
  public static IpRouteLinkManager host() {
    return new IpRouteLinkManager(new CommandRunner(List.of(), Duration.ofSeconds(5)));
  }

  /** Works inside the named namespace ({@code /run/netns/NAME}) through nsenter. */
  public static IpRouteLinkManager inNamespace(String netns) {
    return new IpRouteLinkManager(
        new CommandRunner(List.of("nsenter", "--net=/run/netns/" + netns), Duration.ofSeconds(5)));
  }

  @Override
  public List<Link> links() throws CommandException {
    return IpJson.links(runner.check(List.of("ip", "-j", "-d", "link", "show")));
  }

  @Override
  public void createVxlan(String name, VxlanSpec spec) throws CommandException {
    List<String> cmd = new ArrayList<>(List.of("ip", "link", "add", name));
    if (spec.mac() != null) {
      cmd.addAll(List.of("address", spec.mac()));
    }
    cmd.addAll(
        List.of(
            "type",
            "vxlan",
            "id",
            Integer.toString(spec.vni()),
            "dstport",
            Integer.toString(spec.port()),
            "local",
            spec.localIp(),
            "nolearning"));
    if (spec.underlayDevice() != null) {
      cmd.addAll(List.of("dev", spec.underlayDevice()));
    }
    runner.check(cmd);
  }

  @Override
  public void createDevice(String name, String kind) throws CommandException {
    runner.check(List.of("ip", "link", "add", name, "type", kind));
  }

  @Override
  public void deleteLink(String name) throws CommandException {
    runner.check(List.of("ip", "link", "del", name));
  }

  @Override
  public void setUp(String name) throws CommandException {
    runner.check(List.of("ip", "link", "set", name, "up"));
  }

  @Override
  public List<Address> addresses(String device) throws CommandException {
    return IpJson.addresses(
        device, runner.check(List.of("ip", "-j", "-4", "addr", "show", "dev", device)));
  }

  @Override
  public void addAddress(Address address) throws CommandException {
    runner.check(List.of("ip", "addr", "replace", address.ipWithPrefix(), "dev", address.device()));
  }

  @Override
  public void deleteAddress(Address address) throws CommandException {
    runner.check(List.of("ip", "addr", "del", address.ipWithPrefix(), "dev", address.device()));
  }

  @Override
  public List<Route> routes(String device) throws CommandException {
    return IpJson.routes(
        device, runner.check(List.of("ip", "-j", "-4", "route", "show", "table", "main")));
  }

  @Override
  public void replaceRoute(Route route) throws CommandException {
    runner.check(routeCommand("replace", route));
  }

  @Override
  public void deleteRoute(Route route) throws CommandException {
    runner.check(routeCommand("del", route));
  }

  private static List<String> routeCommand(String verb, Route route) {
    List<String> cmd = new ArrayList<>(List.of("ip", "route", verb, route.destination()));
    if (route.gateway() != null) {
      cmd.addAll(List.of("via", route.gateway()));
    }
    cmd.addAll(List.of("dev", route.device()));
    if (route.onlink()) {
      cmd.add("onlink");
    }
    return cmd;
  }

  @Override
  public List<Neighbour> neighbours(String device) throws CommandException {
    return IpJson.neighbours(
        device, runner.check(List.of("ip", "-j", "-4", "neigh", "show", "dev", device)));
  }

  @Override
  public void replaceNeighbour(Neighbour n) throws CommandException {
    runner.check(
        List.of(
            "ip",
            "neigh",
            "replace",
            n.ip(),
            "lladdr",
            n.mac(),
            "dev",
            n.device(),
            "nud",
            "permanent"));
  }

  @Override
  public void deleteNeighbour(Neighbour n) throws CommandException {
    runner.check(List.of("ip", "neigh", "del", n.ip(), "dev", n.device()));
  }

  @Override
  public List<FdbEntry> fdb(String device) throws CommandException {
    return IpJson.fdb(device, runner.check(List.of("bridge", "-j", "fdb", "show", "dev", device)));
  }

  @Override
  public void replaceFdb(FdbEntry e) throws CommandException {
    runner.check(
        List.of(
            "bridge",
            "fdb",
            "replace",
            e.mac(),
            "dev",
            e.device(),
            "dst",
            e.dst(),
            "self",
            "permanent"));
  }

  @Override
  public void deleteFdb(FdbEntry e) throws CommandException {
    runner.check(
        List.of("bridge", "fdb", "del", e.mac(), "dev", e.device(), "dst", e.dst(), "self"));
  }
}
