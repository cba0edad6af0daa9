package io.quire.harness.load;

import java.time.Duration;
import java.util.Arrays;

/**
 * Acknowledgements counted across clients, so the scenario can wait for "N acknowledged", with
 * the instant ({@link System#nanoTime}) of each, so that it can tell how long acknowledgements
 * stopped around a fault ({@link AckTimes}).
 */
public final class AckCounter {
  private long[] instants = new long[1 << 12];
  private int count;
  private int running;

  public synchronized void clientStarted() {
    running++;
  }

  public synchronized void clientStopped() {
    running--;
    notifyAll();
  }

  public synchronized void acknowledged() {
    if (count == instants.length) {
      instants = Arrays.copyOf(instants, count * 2);
    }
    // taken under the lock, so the instants are in order
    instants[count++] = System.nanoTime();
    notifyAll();
  }

  public synchronized int count() {
    return count;
  }

  /** Whether every client has stopped: the load is over. */
  public synchronized boolean allStopped() {
    return running == 0;
  }

  /** Waits until {@code target} acknowledgements were counted or every client stopped. */
  public synchronized void awaitAtLeast(int target) throws InterruptedException {
    while (count < target && running > 0) {
      wait();
    }
  }

  /**
   * Waits until {@code target} acknowledgements were counted, every client stopped, or
   * {@code timeout} passed.
   *
   * @return whether {@code target} was reached
   */
  public synchronized boolean awaitAtLeast(int target, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count < target && running > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return count >= target;
  }

  /** The instants of the acknowledgements so far. */
  public synchronized AckTimes times() {
    return new AckTimes(Arrays.copyOf(instants, count));
  }
}
