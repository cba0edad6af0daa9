package io.quire.journal.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;

/**
 * Who holds a journal folder: written by the holder into {@code quire-master.holder} and
 * rewritten on every heartbeat.
 *
 * @param id unique per master run, so a master recognises its own record
 * @param host the holder's host name
 * @param pid the holder's process id
 * @param started when the holder took the folder
 * @param heartbeatMillis when the holder last renewed (epoch millis)
 * @param leaseMillis how long after a heartbeat the record stays binding
 */
record HolderRecord(String id, String host, long pid, Instant started, long heartbeatMillis,
    long leaseMillis) {

  byte[] encode() {
    String text = "holder.id=" + id + "\nhost=" + host + "\npid=" + pid + "\nstarted=" + started
        + "\nheartbeat.millis=" + heartbeatMillis + "\nlease.millis=" + leaseMillis + "\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Parses a record; an unreadable one (a crash mid-rename cannot make one) returns null. */
  static HolderRecord decode(byte[] content) {
    try {
      Properties p = new Properties();
      p.load(new java.io.StringReader(new String(content, StandardCharsets.UTF_8)));
      return new HolderRecord(p.getProperty("holder.id"), p.getProperty("host"),
          Long.parseLong(p.getProperty("pid")), Instant.parse(p.getProperty("started")),
          Long.parseLong(p.getProperty("heartbeat.millis")),
          Long.parseLong(p.getProperty("lease.millis")));
    } catch (RuntimeException | java.io.IOException unreadable) {
      return null;
    }
  }

  /** How an operator reads this holder in an error message. */
  String describe(long nowMillis) {
    return "master pid " + pid + " on " + host + " (holding since " + started
        + ", last heartbeat " + Math.max(0, nowMillis - heartbeatMillis) + " ms ago)";
  }
}
