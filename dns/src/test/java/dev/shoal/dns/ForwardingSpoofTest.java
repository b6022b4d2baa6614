package dev.shoal.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.dns.support.FakeClusterRecords;
import dev.shoal.dns.support.Queries;
import dev.shoal.dns.support.SpyUpstream;
import dev.shoal.dns.support.SpyUpstream.Received;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cache poisoning from off the path: the forwarder's upstream queries must be hard to guess (ids
 * from a secure random source, several random source ports), and only the upstream that was asked
 * may answer, on the socket it was asked from, with the id and question it was asked. Forged
 * answers are sent first; the real one after them must still be the one the client gets and the
 * cache keeps.
 */
class ForwardingSpoofTest {
  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  static final byte[] REAL = {93, (byte) 184, (byte) 216, 34};
  static final byte[] FORGED = {6, 6, 6, 6};
  private final List<AutoCloseable> open = new ArrayList<>();
  private DnsResponder dns;
  private InetSocketAddress at;

  @AfterEach
  void stop() throws Exception {
    if (dns != null) {
      dns.stop().join();
    }
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private SpyUpstream spy() {
    SpyUpstream spy = new SpyUpstream();
    open.add(spy);
    return spy;
  }

  private void start(Duration timeout, SpyUpstream... upstreams) {
    List<InetSocketAddress> list = Arrays.stream(upstreams).map(SpyUpstream::address).toList();
    dns =
        DnsResponder.create(
            DnsConfig.defaults().withBind(LOOPBACK, 0).withUpstreams(list, timeout),
            new FakeClusterRecords());
    at = dns.start().join();
  }

  private DatagramSocket client() throws IOException {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    s.setSoTimeout(10_000);
    open.add(s);
    return s;
  }

  private DatagramSocket socketOn(String ip, int port) throws IOException {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), port));
    open.add(s);
    return s;
  }

  private void ask(DatagramSocket client, int id, String name) throws IOException {
    byte[] q = Queries.bytes(Queries.query(id, name, 1, 0));
    client.send(new DatagramPacket(q, q.length, at));
  }

  /** The client's answer: checks its id, returns the address of its (last) A record. */
  private static byte[] answerTo(DatagramSocket client, int id) throws IOException {
    DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
    client.receive(p);
    byte[] m = Arrays.copyOf(p.getData(), p.getLength());
    assertEquals(id, (m[0] & 0xff) << 8 | (m[1] & 0xff));
    assertEquals(0, m[3] & 0xf, "NOERROR");
    return Arrays.copyOfRange(m, m.length - 4, m.length);
  }

  private static void send(DatagramSocket from, byte[] message, InetSocketAddress to)
      throws IOException {
    from.send(new DatagramPacket(message, message.length, to));
  }

  @Test
  void idsComeFromASecureSourceAndQueriesLeaveFromSeveralRandomPorts() throws Exception {
    SpyUpstream upstream = spy();
    start(Duration.ofSeconds(20), upstream);
    DatagramSocket client = client();
    int n = 200;
    for (int i = 0; i < n; i++) {
      ask(client, i, "q" + i + ".spoof.example");
    }
    List<Integer> ids = new ArrayList<>();
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < n; i++) {
      Received q = upstream.next();
      ids.add(q.id());
      ports.add(q.from().getPort());
    }
    assertEquals(n, new HashSet<>(ids).size(), "ids in flight are unique");
    int sequential = 0;
    Set<Integer> steps = new HashSet<>();
    for (int i = 1; i < n; i++) {
      int step = (ids.get(i) - ids.get(i - 1)) & 0xffff;
      steps.add(step);
      sequential += step == 1 ? 1 : 0;
    }
    assertTrue(sequential < 3 && steps.size() > n / 2, "ids must not follow each other: " + ids);
    long high = ids.stream().filter(id -> id >= 0x8000).count();
    assertTrue(high > n / 4 && high < n * 3 / 4, "ids spread over all 16 bits: " + ids);
    assertTrue(ports.size() >= 4, "queries leave from several source ports, not one: " + ports);
    assertTrue(ports.stream().allMatch(p -> p >= 1024), "ephemeral ports: " + ports);
  }

  @Test
  void forgedAnswersAreIgnoredAndTheRealOneStillAccepted() throws Exception {
    SpyUpstream upstream = spy();
    start(Duration.ofSeconds(20), upstream);
    DatagramSocket client = client();
    // learn a few of the forwarder's source ports first (the forger targets one the query did not
    // use)
    Set<InetSocketAddress> sources = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      ask(client, 1000 + i, "warm" + i + ".spoof.example");
      Received w = upstream.next();
      sources.add(w.from());
      upstream.answer(w, w.id(), w.question(), REAL);
      answerTo(client, 1000 + i);
    }
    ask(client, 7, "www.spoof.example");
    Received q = upstream.next();
    byte[] question = q.question();
    InetSocketAddress target = q.from();
    InetSocketAddress otherSource =
        sources.stream()
            .filter(s -> !s.equals(target))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("only one source port was ever used: " + sources));
    byte[] forged = SpyUpstream.response(q.id(), question, FORGED);
    // the right id and question, from the upstream's address but another port
    send(socketOn("127.0.0.1", 0), forged, target);
    // ... from the upstream's port but another address (127.0.0.2 is loopback too)
    send(socketOn("127.0.0.2", upstream.address().getPort()), forged, target);
    // ... from the upstream itself, to a source port of the forwarder that this query did not leave
    // from
    upstream.answer(new Received(q.id(), otherSource, q.message()), q.id(), question, FORGED);
    // from the upstream to the right port, with the wrong id, then with the right id and another
    // question
    upstream.answer(q, q.id() ^ 0x5a5a, question, FORGED);
    byte[] otherQuestion =
        new Received(0, null, Queries.bytes(Queries.query(0, "www.other.example", 1, 0)))
            .question();
    upstream.answer(q, q.id(), otherQuestion, FORGED);
    // and then the real answer
    upstream.answer(q, q.id(), question, REAL);
    assertArrayEquals(
        REAL, answerTo(client, 7), "the client got the real answer, not a forged one");
    ask(client, 8, "www.spoof.example");
    assertArrayEquals(REAL, answerTo(client, 8), "and the cache holds the real one");
  }

  @Test
  void onlyTheUpstreamThatWasAskedMayAnswer() throws Exception {
    SpyUpstream first = spy();
    SpyUpstream second = spy();
    start(Duration.ofMillis(300), first, second);
    DatagramSocket client = client();
    ask(client, 9, "failover.spoof.example");
    Received toFirst = first.next(); // left unanswered: after 300 ms the second upstream is asked
    Received toSecond = second.next();
    // the first upstream is configured, but it is not the one this query went to
    first.answer(toSecond, toSecond.id(), toSecond.question(), FORGED);
    second.answer(toSecond, toSecond.id(), toSecond.question(), REAL);
    assertArrayEquals(
        REAL, answerTo(client, 9), "only the second upstream may answer the second query");
    assertTrue(
        toFirst.id() != toSecond.id() || !toFirst.from().equals(toSecond.from()),
        "the retry is a new upstream query (another id or source port)");
  }
}
