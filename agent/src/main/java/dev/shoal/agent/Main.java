package dev.shoal.agent;

public final class Main {
  public static void main(String[] args) {
    System.out.println("shoal agent: not wired yet");
  }
}
