package io.quire.harness.crash;

/** Acknowledgements counted across clients, so the scenario can wait for "N acknowledged". */
final class AckCounter {
  private int count;
  private int running;

  synchronized void clientStarted() {
    running++;
  }

  synchronized void clientStopped() {
    running--;
    notifyAll();
  }

  synchronized void acknowledged() {
    count++;
    notifyAll();
  }

  synchronized int count() {
    return count;
  }

  /** Whether every client has stopped: the load is over. */
  synchronized boolean allStopped() {
    return running == 0;
  }

  /** Waits until {@code target} acknowledgements were counted or every client stopped. */
  synchronized void awaitAtLeast(int target) throws InterruptedException {
    while (count < target && running > 0) {
      wait();
    }
  }
}
