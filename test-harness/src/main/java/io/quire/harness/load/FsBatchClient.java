package io.quire.harness.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Drives one {@code bin/quire fs -} process: writes a command, waits for its {@code ok} or
 * {@code err} line, and counts what the master acknowledged. One command is in flight at most,
 * so after a crash exactly one command's fate is unknown.
 */
public final class FsBatchClient implements Runnable {

  private final ProcessBuilder processCommand;
  private final ClientWorkload workload;
  private final java.util.function.BooleanSupplier masterKilled;
  private final AckCounter counter;
  private volatile int acknowledged;
  private volatile String error;

  FsBatchClient(ProcessBuilder processCommand, ClientWorkload workload,
      java.util.function.BooleanSupplier masterKilled, AckCounter counter) {
    this.counter = counter;
    counter.clientStarted();
    this.processCommand = processCommand;
    this.workload = workload;
    this.masterKilled = masterKilled;
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
          in.write(command + "\n");
          in.flush();
          String answer = out.readLine();
          if (answer == null) {
            return; // the master died: the client's stream ended
          }
          if (answer.startsWith("ok ")) {
            acknowledged++;
            counter.acknowledged();
          } else {
            // once the master is killed, a failed command is one whose fate is unknown; before
            // that, a refusal means the master lost or reordered an earlier command
            if (!masterKilled.getAsBoolean()) {
              error = answer;
            }
            return;
          }
        }
      } finally {
        process.destroy();
      }
    } catch (IOException e) {
      // the master went away under us: what counts is what was acknowledged before
    }
  }

  public int acknowledged() {
    return acknowledged;
  }

  /** A command the master refused while alive: a workload or master bug. */
  public String error() {
    return error;
  }

  public ClientWorkload workload() {
    return workload;
  }
}
