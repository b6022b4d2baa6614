package dev.shoal.overlay.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.overlay.exec.CommandException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing of iproute2 6.1 JSON, on output captured from real commands. */
class IpJsonTest {

  private static final String LINKS =
      """
            [{"ifindex":1,"ifname":"lo","flags":["LOOPBACK","UP","LOWER_UP"],"mtu":65536,"address":"00:00:00:00:00:00"},
             {"ifindex":2,"ifname":"shoal-vx0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1450,
              "address":"0e:5e:c0:00:02:01","linkinfo":{"info_kind":"vxlan","info_data":{"id":1,"local":"192.0.2.1",
              "link":"eth0","port_range":{"low":0,"high":0},"port":4789,"learning":false}}},
             {"ifindex":4,"ifname":"shoal-svc0","flags":["BROADCAST","NOARP"],"address":"ca:29:1e:77:00:03",
              "linkinfo":{"info_kind":"bridge","info_data":{"stp_state":0}}}]
            """;

  @Test
  void links() throws CommandException {
    List<Link> links = IpJson.links(LINKS);
    assertEquals(3, links.size());
    assertEquals(
        new Link(
            "shoal-vx0",
            "vxlan",
            "0e:5e:c0:00:02:01",
            true,
            Optional.of(new VxlanSpec(1, 4789, "192.0.2.1", "eth0", "0e:5e:c0:00:02:01"))),
        links.get(1));
    assertEquals(
        new Link("shoal-svc0", "bridge", "ca:29:1e:77:00:03", false, Optional.empty()),
        links.get(2));
  }

  @Test
  void addressesKeepIpv4Only() throws CommandException {
    String json =
        """
                [{"ifindex":2,"ifname":"shoal-vx0","addr_info":[{"family":"inet","local":"198.18.1.0","prefixlen":32},
                {"family":"inet6","local":"fe80::c5e:c0ff:fe00:201","prefixlen":64}]}]""";
    assertEquals(
        List.of(new Address("shoal-vx0", "198.18.1.0/32")), IpJson.addresses("shoal-vx0", json));
  }

  @Test
  void routesOfOneDeviceWithHostRoutesAsSlash32() throws CommandException {
    String json =
        """
                [{"dst":"192.0.2.0/24","dev":"eth0","protocol":"kernel","scope":"link","prefsrc":"192.0.2.1","flags":[]},
                 {"dst":"198.18.2.0/24","gateway":"198.18.2.0","dev":"shoal-vx0","flags":["onlink"]},
                 {"dst":"203.0.113.7","dev":"shoal-vx0","flags":[]}]""";
    assertEquals(
        List.of(
            new Route("198.18.2.0/24", "198.18.2.0", "shoal-vx0", true),
            new Route("203.0.113.7/32", null, "shoal-vx0", false)),
        IpJson.routes("shoal-vx0", json));
  }

  @Test
  void neighboursAndFdb() throws CommandException {
    String neigh =
        """
                [{"dst":"198.18.2.0","lladdr":"0e:5e:c0:00:02:02","state":["PERMANENT"]},
                 {"dst":"198.18.9.9","state":["FAILED"]}]""";
    assertEquals(
        List.of(
            Neighbour.permanent("vx", "198.18.2.0", "0e:5e:c0:00:02:02"),
            new Neighbour("vx", "198.18.9.9", "", false)),
        IpJson.neighbours("vx", neigh));
    String fdb =
        """
                [{"mac":"0e:5e:c0:00:02:02","dst":"192.0.2.2","flags":["self"],"state":"permanent"},
                 {"mac":"33:33:00:00:00:01","flags":["self"],"state":"permanent"}]""";
    assertEquals(
        List.of(new FdbEntry("vx", "0e:5e:c0:00:02:02", "192.0.2.2")), IpJson.fdb("vx", fdb));
  }

  @Test
  void emptyOutputIsAnEmptyListAndGarbageIsAnError() throws CommandException {
    assertTrue(IpJson.links("").isEmpty());
    assertTrue(IpJson.links("[{}]").isEmpty());
    assertThrows(CommandException.class, () -> IpJson.links("not json"));
  }

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "RTNETLINK answers: File exists | EXISTS",
        "Cannot find device \"shoal-vx0\" | NOT_FOUND",
        "RTNETLINK answers: No such process | NOT_FOUND",
        "Error: Unknown device type. | FAILED",
        "RTNETLINK answers: Operation not permitted | FAILED",
      })
  void errorsAreClassed(String stderr, CommandException.Kind kind) {
    assertEquals(kind, CommandException.classify(stderr));
  }
}
