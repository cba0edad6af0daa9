package io.quire.deploy.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A jar dropped into the deploy folder whose symbolic name is that of a running Quire bundle
 * ({@code quire-*}, installed by the launcher) updates that bundle in place, as the Aries JMX
 * {@code updateBundleFromURL} does, instead of File Install installing a second copy beside it
 * (which the framework would refuse for the same version, and which would leave two storage
 * services for one journal for another). Replacing the jar updates again; removing it goes back
 * to the build the bundle was installed from.
 *
 * <p>File Install asks its artifact listeners before its own handling of bundles, highest
 * ranking first; every other jar (a bundle Quire does not ship) is left to File Install.
 */
@Component(property = Constants.SERVICE_RANKING + ":Integer=100")
public class DeployedUpdates implements ArtifactInstaller {
  private static final Logger LOG = LoggerFactory.getLogger(DeployedUpdates.class);
  private static final String QUIRE_PREFIX = "quire-";

  private final BundleContext context;
  /** The symbolic name each handled jar updated, for when the jar is gone. */
  private final Map<File, String> updated = new ConcurrentHashMap<>();

  @Activate
  public DeployedUpdates(BundleContext context) {
    this.context = context;
  }

  @Override
  public boolean canHandle(File artifact) {
    return artifact.getName().endsWith(".jar") && symbolicName(artifact)
        .filter(name -> name.startsWith(QUIRE_PREFIX))
        .flatMap(this::installed)
        .filter(bundle -> !bundle.getLocation().equals(location(artifact)))
        .isPresent();
  }

  @Override
  public void install(File artifact) throws Exception {
    update(artifact);
  }

  @Override
  public void update(File artifact) throws BundleException, IOException {
    Bundle bundle = target(artifact);
    updated.put(artifact, bundle.getSymbolicName());
    LOG.info("Updating bundle {} (id {}) from {}", bundle.getSymbolicName(), bundle.getBundleId(),
        artifact);
    try (InputStream in = Files.newInputStream(artifact.toPath())) {
      bundle.update(in);
    }
    LOG.info("Updated bundle {} from {}: version {}", bundle.getSymbolicName(), artifact,
        bundle.getVersion());
  }

  @Override
  public void uninstall(File artifact) throws BundleException {
    String name = updated.remove(artifact);
    Optional<Bundle> bundle = name == null ? Optional.empty() : installed(name);
    if (bundle.isEmpty()) {
      return;
    }
    LOG.info("{} was removed from the deploy folder: bundle {} goes back to {}", artifact, name,
        bundle.get().getLocation());
    bundle.get().update();
  }

  private Bundle target(File artifact) throws IOException {
    String name = symbolicName(artifact).orElseThrow(() ->
        new IOException(artifact + " is not a bundle (no Bundle-SymbolicName)"));
    return installed(name).orElseThrow(() ->
        new IOException("no installed bundle " + name + " for " + artifact + " to update"));
  }

  private Optional<Bundle> installed(String symbolicName) {
    for (Bundle bundle : context.getBundles()) {
      if (symbolicName.equals(bundle.getSymbolicName())) {
        return Optional.of(bundle);
      }
    }
    return Optional.empty();
  }

  /** The symbolic name in a jar's manifest, without its attributes; empty if none or unreadable. */
  static Optional<String> symbolicName(File jar) {
    if (!jar.isFile()) {
      return Optional.empty();
    }
    try (JarFile file = new JarFile(jar)) {
      if (file.getManifest() == null) {
        return Optional.empty();
      }
      String value = file.getManifest().getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
      if (value == null || value.isBlank()) {
        return Optional.empty();
      }
      int attributes = value.indexOf(';');
      return Optional.of((attributes < 0 ? value : value.substring(0, attributes)).trim());
    } catch (IOException e) {
      LOG.debug("Not a readable jar: {}: {}", jar, e.toString());
      return Optional.empty();
    }
  }

  private static String location(File artifact) {
    return artifact.toURI().toString();
  }
}
