package io.quire.harness.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Drives one {@code bin/quire fs -} process: writes a command, waits for its {@code ok} or
 * {@code err} line, and counts what the master acknowledged. One command is in flight at most,
 * so after a crash exactly one command's fate is unknown, and a client asked to stop stops
 * between two commands, with none in flight.
 */
public final class FsBatchClient implements Runnable {

  private final ProcessBuilder processCommand;
  private final ClientWorkload workload;
  private final BooleanSupplier masterKilled;
  private final BooleanSupplier stopRequested;
  private final AckCounter counter;
  private volatile int acknowledged;
  private volatile String error;
  private volatile long errorAt;

  FsBatchClient(ProcessBuilder processCommand, ClientWorkload workload,
      BooleanSupplier masterKilled, BooleanSupplier stopRequested, AckCounter counter) {
    this.counter = counter;
    counter.clientStarted();
    this.processCommand = processCommand;
    this.workload = workload;
    this.masterKilled = masterKilled;
    this.stopRequested = stopRequested;
  }

  @Override
  public void run() {
    try {
      drive();
    } finally {
      counter.clientStopped();
    }
  }

  private void drive() {
    try {
      Process process = processCommand.redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try (Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
          BufferedReader out = new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String command : workload.commands()) {
          if (stopRequested.getAsBoolean()) {
            return;
          }
          in.write(command + "\n");
          in.flush();
          String answer = out.readLine();
          if (answer == null) {
            // the master died and took the client's stream with it; or, alive, it is a failure
            failed("the fs - process ended without answering '" + command + "'");
            return;
          }
          if (answer.startsWith("ok ")) {
            acknowledged++;
            counter.acknowledged();
          } else {
            // once the master is killed, a failed command is one whose fate is unknown; before
            // that, a refusal means the master lost or reordered an earlier command, or could
            // not make it durable
            failed(answer);
            return;
          }
        }
      } finally {
        process.destroy();
      }
    } catch (IOException e) {
      // the master went away under us: what counts is what was acknowledged before
      failed("fs - failed: " + e);
    }
  }

  private void failed(String why) {
    if (!masterKilled.getAsBoolean()) {
      errorAt = System.nanoTime();
      error = why;
    }
  }

  public int acknowledged() {
    return acknowledged;
  }

  /** A command the master refused, or an answer that never came, while it was alive; or null. */
  public String error() {
    return error;
  }

  /** When {@link #error} was seen ({@link System#nanoTime}); meaningless without one. */
  public long errorAt() {
    return errorAt;
  }

  public ClientWorkload workload() {
    return workload;
  }
}
