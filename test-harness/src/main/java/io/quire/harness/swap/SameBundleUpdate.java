package io.quire.harness.swap;

import io.quire.harness.MasterJmx;
import java.io.IOException;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The storage bundle updated in place: the Aries framework MBean's {@code updateBundle(id)}
 * reloads the same jar from where it was installed, so the backend and folder stay and the
 * bundle, its classes and its storage service are new. The new service registers a new
 * {@code quire:type=JournalStorage,name=<type>}, whose {@code Syncs} start at zero.
 */
final class SameBundleUpdate implements StorageSwap {
  /** Logged by the journal at its first sync through the new storage. */
  static final HeldFigure BACK = new HeldFigure(
      "the journal's own 'storage is back after N ms'",
      Pattern.compile("(?<text>Journal storage is back after (?<millis>\\d+) ms)"));

  private final String symbolicName;
  private final ObjectName storageMBean;
  private long bundleId = -1;

  SameBundleUpdate(String symbolicName, String storageType)
      throws MalformedObjectNameException {
    this.symbolicName = symbolicName;
    this.storageMBean = new ObjectName("quire:type=JournalStorage,name=" + storageType);
  }

  /** {@code quire-storage-local}, the journal's storage on local disk. */
  static SameBundleUpdate localStorage() throws MalformedObjectNameException {
    return new SameBundleUpdate("quire-storage-local", "local");
  }

  @Override
  public String describe() {
    return "updateBundle of " + symbolicName + " (the same jar)";
  }

  @Override
  public void perform(MasterJmx jmx) throws IOException, JMException {
    if (bundleId < 0) {
      bundleId = jmx.bundleId(symbolicName); // an update keeps the bundle's id
    }
    jmx.updateBundle(bundleId);
  }

  @Override
  public boolean writesThroughNewStorage(MasterJmx jmx) throws IOException, JMException {
    return jmx.registered(storageMBean) && (Long) jmx.attribute(storageMBean, "Syncs") > 0;
  }

  @Override
  public HeldFigure heldFigure() {
    return BACK;
  }
}
