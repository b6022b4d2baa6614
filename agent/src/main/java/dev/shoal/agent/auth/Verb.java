package dev.shoal.agent.auth;

/** What a request does to a resource, in the words of Kubernetes RBAC. */
public enum Verb {
  GET,
  LIST,
  WATCH,
  CREATE,
  UPDATE,
  PATCH,
  DELETE;

  public boolean reads() {
    return this == GET || this == LIST || this == WATCH;
  }

  public String word() {
    return name().toLowerCase();
  }
}
