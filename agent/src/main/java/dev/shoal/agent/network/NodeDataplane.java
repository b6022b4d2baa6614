package dev.shoal.agent.network;

import dev.shoal.agent.control.Backoff;
import dev.shoal.agent.control.CoalescingLoop;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.firewall.BridgeHairpin;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.agent.telemetry.Latency;
import dev.shoal.manifests.model.Endpoints;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Service;
import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.exec.CommandRunner;
import dev.shoal.overlay.nft.DataplanePlanner;
import dev.shoal.overlay.nft.DataplaneSpec;
import dev.shoal.overlay.nft.MonitorBatch;
import dev.shoal.overlay.nft.Nft;
import dev.shoal.overlay.nft.NftMonitor;
import dev.shoal.overlay.nft.NftScript;
import dev.shoal.overlay.nft.NftSet;
import dev.shoal.overlay.nft.NftTable;
import dev.shoal.overlay.nft.ServicePortRule;
import dev.shoal.overlay.nft.ServiceRuleSet;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's service dataplane: the {@code inet shoal} table, fed from the store's local view. A
 * Service or Endpoints change marks its service; the next pass reads only the marked services,
 * builds their ports ({@link ServicePortRules}) and writes what they change ({@link
 * ServiceRuleSet#change}, planned from those services alone) in one {@code nft -f}; then it flushes
 * the UDP flows of endpoints that went ({@link UdpConntrack}). The first pass, and every pass that
 * reads the kernel's table back, lists every service, plans the whole table ({@link
 * DataplanePlanner}) and writes the difference to the kernel's (or all of it).
 *
 * <p>Drift: {@code nft monitor} reports every transaction; one not made by this agent's own {@code
 * nft} processes makes the next pass read back what it touched and write the table in full if the
 * kernel disagrees with the plan (within tens of milliseconds of the change). Every {@code
 * readBackEvery} the whole table is read back regardless. Kernel work runs on worker threads.
 */
public final class NodeDataplane {

  private static final Logger LOG = LoggerFactory.getLogger(NodeDataplane.class);

  private final Vertx vertx;
  private final ClusterStore store;
  private final String nodeName;
  private final String podCidr;
  private final CommandRunner runner;
  private final Nft nft;
  private final Duration readBackEvery;
  private final Context context;
  private final CoalescingLoop loop;
  private final List<ClusterStore.Watch> watches = new ArrayList<>();
  private final Set<Long> ownProcesses = ConcurrentHashMap.newKeySet();
  private final Set<String> touched = ConcurrentHashMap.newKeySet();
  private volatile boolean touchedWhole;

  /** Services ({@code namespace/name}) changed since the pass that last read them. */
  private final Set<String> changedServices = ConcurrentHashMap.newKeySet();

  /** What the table was last written from; touched by the blocking parts only, one at a time. */
  private final ServiceRuleSet written = new ServiceRuleSet();

  private volatile boolean writtenOnce;
  private volatile boolean wholePassAsked;
  private NftMonitor monitor;
  private List<String> nodeAddresses;
  private volatile long lastReadBack;
  private volatile MeterRegistry meters;

  /**
   * @param podCidr the cluster pod CIDR: pod clients of a ClusterIP keep their address, others are
   *     masqueraded
   * @param runner runs {@code nft}, {@code ip}, {@code conntrack} and {@code sysctl} in the node's
   *     network namespace
   */
  public NodeDataplane(
      Vertx vertx,
      ClusterStore store,
      String nodeName,
      String podCidr,
      CommandRunner runner,
      Duration readBackEvery) {
    this.vertx = vertx;
    this.store = store;
    this.nodeName = nodeName;
    this.podCidr = podCidr;
    this.runner = runner;
    this.nft =
        Nft.shoal(runner)
            .onApplyStarted(
                pid -> {
                  if (ownProcesses.size() > 256) {
                    ownProcesses.clear();
                  }
                  ownProcesses.add(pid);
                });
    this.readBackEvery = readBackEvery;
    this.context = vertx.getOrCreateContext();
    this.loop =
        new CoalescingLoop(
            context,
            Timer.system(),
            "dataplane",
            this::pass,
            readBackEvery,
            Backoff.fixed(Duration.ofMillis(500)));
  }

  public Future<Void> start() {
    return vertx
        .executeBlocking(
            () -> {
              prepareKernel();
              return null;
            })
        .compose(
            v -> {
              monitor = NftMonitor.follow(runner, nft.table(), this::changed);
              return loop.startOnChangesOf(
                  store, watches, this::serviceChanged, Service.KIND, Endpoints.KIND);
            });
  }

  /** A transaction touched the table: unless it was one of ours, read back what it touched. */
  private void changed(MonitorBatch.Changes changes) {
    if (ownProcesses.contains(changes.pid())) {
      return;
    }
    touched.addAll(changes.names());
    touchedWhole |= changes.whole();
    loop.trigger();
  }

  /** A Service or its Endpoints (same namespace and name) changed. */
  private void serviceChanged(WatchEvent event) {
    ObjectKey key = event.key();
    changedServices.add(key.namespace() + "/" + key.name());
  }

  private Future<Void> pass() {
    if (!writtenOnce
        || wholePassAsked
        || touchedWhole
        || !touched.isEmpty()
        || readBackDue(System.nanoTime())) {
      changedServices.clear();
      wholePassAsked = false;
      return wholePass();
    }
    if (changedServices.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> names = new ArrayList<>(changedServices);
    changedServices.removeAll(names);
    Map<String, List<ServicePortRule>> next = new HashMap<>();
    List<Future<?>> reads = new ArrayList<>();
    for (String name : names) {
      reads.add(portsOf(name).onSuccess(ports -> next.put(name, ports)));
    }
    return Future.all(reads)
        .compose(
            x ->
                vertx.executeBlocking(
                    () -> {
                      syncServices(next);
                      return null;
                    },
                    false));
  }

  /** The ports of one service as its Service and Endpoints are now; none when it is gone. */
  private Future<List<ServicePortRule>> portsOf(String service) {
    int slash = service.indexOf('/');
    String namespace = service.substring(0, slash);
    String name = service.substring(slash + 1);
    Future<Resource> svc = orNull(store.get(new ObjectKey(Service.KIND, namespace, name)));
    Future<Resource> eps = orNull(store.get(new ObjectKey(Endpoints.KIND, namespace, name)));
    return Future.all(svc, eps)
        .map(
            both ->
                svc.result() == null
                    ? List.<ServicePortRule>of()
                    : ServicePortRules.build(
                        List.of((Service) svc.result()),
                        eps.result() == null ? List.of() : List.of((Endpoints) eps.result()),
                        nodeName));
  }

  private static Future<Resource> orNull(Future<Resource> read) {
    return read.recover(
        e ->
            e instanceof StoreException se && se.reason() == StoreException.Reason.NOT_FOUND
                ? Future.succeededFuture(null)
                : Future.failedFuture(e));
  }

  /** Times the kernel's programming from now on in {@code registry}. */
  public NodeDataplane meterWith(MeterRegistry registry) {
    this.meters = registry;
    return this;
  }

  /**
   * Records one programming of the kernel: {@code pass} is "service" (one service's delta),
   * "table-delta" or "table-full".
   */
  private void timed(String pass, long started) {
    Latency.since(
        meters,
        started,
        "shoal.dataplane.program",
        "Time to plan and apply one nftables transaction of the service dataplane",
        "pass",
        pass);
  }

  /** Blocking: writes what the changed services change; the whole table when a delta cannot. */
  private void syncServices(Map<String, List<ServicePortRule>> next) throws CommandException {
    long started = System.nanoTime();
    DataplaneSpec base = new DataplaneSpec(podCidr, null, nodeAddresses, List.of());
    ServiceRuleSet.Change change = written.change(base, next).orElse(null);
    if (change == null) {
      wholePassAsked = true;
      loop.trigger();
      return;
    }
    if (!change.script().isEmpty()) {
      nft.apply(change.script());
      timed("service", started);
      LOG.debug(
          "dataplane: {} service port(s) applied in {} us",
          change.after().size(),
          (System.nanoTime() - started) / 1000);
    }
    written.commit(change);
    if (hasNewLocalTarget(change.before(), change.after())) {
      BridgeHairpin.ensure(runner, PodBridgeSpec.DEFAULT_BRIDGE);
    }
    UdpConntrack.flush(runner, UdpConntrack.stale(change.before(), change.after()));
  }

  private Future<Void> wholePass() {
    return store
        .list(Service.KIND, null)
        .compose(
            services ->
                store
                    .list(Endpoints.KIND, null)
                    .compose(
                        eps -> {
                          List<ServicePortRule> rules =
                              ServicePortRules.build(
                                  cast(services.items(), Service.class),
                                  cast(eps.items(), Endpoints.class),
                                  nodeName);
                          return vertx.executeBlocking(
                              () -> {
                                sync(rules);
                                return null;
                              },
                              false);
                        }));
  }

  /**
   * Blocking: plan the whole table, compare it with what was written and with the kernel's, apply;
   * on a worker thread, one at a time (the loop runs one pass at a time).
   */
  private void sync(List<ServicePortRule> rules) throws CommandException {
    long started = System.nanoTime();
    boolean due = !writtenOnce || readBackDue(started);
    if (nodeAddresses == null || due) {
      nodeAddresses = NodeAddresses.read(runner);
    }
    NftTable next = DataplanePlanner.plan(new DataplaneSpec(podCidr, null, nodeAddresses, rules));
    List<ServicePortRule> before = written.all();
    NftTable applied =
        writtenOnce
            ? DataplanePlanner.plan(new DataplaneSpec(podCidr, null, nodeAddresses, before))
            : null;
    String script;
    String why;
    List<String> drift = readBack(applied, due);
    if (applied == null || !drift.isEmpty()) {
      script = NftScript.full(next);
      why =
          applied == null
              ? "first program"
              : "repairing drift: "
                  + drift.size()
                  + " difference(s), e.g. "
                  + drift.subList(0, Math.min(3, drift.size()));
    } else {
      script = NftScript.delta(applied, next).orElseGet(() -> NftScript.full(next));
      why = "changes";
    }
    if (!script.isEmpty()) {
      nft.apply(script);
      timed(why.equals("changes") ? "table-delta" : "table-full", started);
      long micros = (System.nanoTime() - started) / 1000;
      if (why.equals("changes")) {
        LOG.debug("dataplane: {} service port(s) applied in {} us", rules.size(), micros);
      } else {
        LOG.info(
            "dataplane: table {} written in full ({}), {} service port(s), {} element(s) in {} ms",
            nft.table(),
            why,
            rules.size(),
            next.elementCount(),
            micros / 1000);
      }
    }
    if (due || hasNewLocalTarget(before, rules)) {
      BridgeHairpin.ensure(runner, PodBridgeSpec.DEFAULT_BRIDGE);
    }
    written.replaceAll(byService(rules));
    writtenOnce = true;
    UdpConntrack.flush(runner, UdpConntrack.stale(before, rules));
  }

  /**
   * Whether the whole table is due to be read back (a little early, so the periodic tick finds it
   * due).
   */
  private boolean readBackDue(long nowNanos) {
    return nowNanos - lastReadBack >= readBackEvery.toNanos() - 50_000_000L;
  }

  /** Service ports by service, {@code namespace/name}: the first two parts of their ids. */
  private static Map<String, List<ServicePortRule>> byService(List<ServicePortRule> rules) {
    Map<String, List<ServicePortRule>> out = new HashMap<>();
    for (ServicePortRule r : rules) {
      String id = r.id();
      String service = id.substring(0, id.indexOf('/', id.indexOf('/') + 1));
      out.computeIfAbsent(service, k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  private static boolean hasNewLocalTarget(
      List<ServicePortRule> before, List<ServicePortRule> after) {
    Set<String> known = new HashSet<>();
    before.forEach(s -> s.targets().forEach(t -> known.add(t.ip())));
    return after.stream()
        .anyMatch(s -> s.targets().stream().anyMatch(t -> t.local() && !known.contains(t.ip())));
  }

  /**
   * What of the kernel's table differs from {@code applied}, the table as last written: all of it
   * when due, else what others touched.
   */
  private List<String> readBack(NftTable applied, boolean due) throws CommandException {
    if (applied == null) {
      return List.of();
    }
    boolean whole = due || touchedWhole;
    Set<String> names = new HashSet<>(touched);
    touched.removeAll(names);
    touchedWhole = false;
    if (whole) {
      lastReadBack = System.nanoTime();
      return nft.list().driftFrom(applied, null);
    }
    List<String> drift = new ArrayList<>();
    for (String name : names) {
      if (applied.chains().containsKey(name)) {
        drift.addAll(nft.list("chain", name).driftFrom(applied, Set.of(name)));
      } else {
        NftSet set = applied.sets().get(name);
        if (set != null) {
          drift.addAll(nft.list(set.kind(), name).driftFrom(applied, Set.of(name)));
        }
      }
    }
    return drift;
  }

  /**
   * Forwarding on, and bridged pod traffic through the inet hooks (a reply on the same bridge gets
   * un-DNATed).
   */
  private void prepareKernel() throws CommandException {
    runner.check(List.of("sysctl", "-q", "-w", "net.ipv4.ip_forward=1"));
    CommandRunner.Result bridged =
        runner.run(List.of("sysctl", "-q", "-w", "net.bridge.bridge-nf-call-iptables=1"));
    if (bridged.exitCode() != 0) {
      runner.run(List.of("modprobe", "br_netfilter"));
      bridged = runner.run(List.of("sysctl", "-q", "-w", "net.bridge.bridge-nf-call-iptables=1"));
      if (bridged.exitCode() != 0) {
        LOG.warn(
            "dataplane: cannot turn on net.bridge.bridge-nf-call-iptables ({}): a pod reaching a ClusterIP "
                + "served on its own node gets no answer",
            bridged.stderr().strip());
      }
    }
  }

  /** Asks for a pass now. */
  public void refresh() {
    loop.trigger();
  }

  /** Stops following; with {@code cleanup}, deletes the table. */
  public Future<Void> stop(boolean cleanup) {
    loop.stop();
    if (monitor != null) {
      monitor.close();
    }
    Future<Void> stopped =
        Future.future(
            p ->
                context.runOnContext(
                    v -> {
                      watches.forEach(ClusterStore.Watch::cancel);
                      watches.clear();
                      p.complete();
                    }));
    if (!cleanup) {
      return stopped;
    }
    return stopped.compose(
        v ->
            vertx.executeBlocking(
                () -> {
                  nft.delete();
                  LOG.info("dataplane: table {} removed", nft.table());
                  return null;
                }));
  }

  private static <T> List<T> cast(List<Resource> items, Class<T> type) {
    List<T> out = new ArrayList<>(items.size());
    items.forEach(i -> out.add(type.cast(i)));
    return out;
  }
}
