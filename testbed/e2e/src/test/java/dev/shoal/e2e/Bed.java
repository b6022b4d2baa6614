package dev.shoal.e2e;

import java.util.List;

/**
 * A test bed that is up: its hosts, a client of each host's API, and whether the whole run shares
 * it (see {@link SharedBed}) or one class owns it.
 */
record Bed(List<Host> hosts, List<ShoalApi> apis, boolean shared) {

  static Bed of(List<Host> hosts, boolean shared) {
    return new Bed(List.copyOf(hosts), hosts.stream().map(ShoalApi::new).toList(), shared);
  }

  /** The hosts whose agent does not answer {@code /readyz} with 200. */
  List<String> unready() {
    return apis.stream().filter(api -> !api.ready()).map(api -> api.host().name()).toList();
  }
}
