package io.quire.harness.load;

/** Acknowledgements counted across clients, so the scenario can wait for "N acknowledged". */
public final class AckCounter {
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
    count++;
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
}
