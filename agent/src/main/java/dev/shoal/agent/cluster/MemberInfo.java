package dev.shoal.agent.cluster;

/**
 * One cluster member as the rest of the agent sees it: its id, the node it runs for, its address.
 */
public record MemberInfo(String id, String nodeName, String host, int port) {}
