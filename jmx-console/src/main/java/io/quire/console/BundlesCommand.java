package io.quire.console;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code fsadmin bundles [list]}, {@code start|stop ID_OR_NAME} and {@code update ID_OR_NAME FILE}:
 * the master's OSGi bundles through the framework MBeans of Aries JMX ({@link OsgiFramework}).
 */
@Command(name = "bundles",
    description = {"Lists, starts, stops and updates the master's OSGi bundles.",
        "Without a subcommand: the same as 'bundles list'.",
        "Through the framework's MBeans of Aries JMX (osgi.core:type=framework and type=bundleState,"
            + " version 1.7)."},
    subcommands = {BundlesCommand.ListBundles.class, BundlesCommand.Start.class, BundlesCommand.Stop.class,
        BundlesCommand.Update.class},
    footer = "Exit codes: 0 ok, 1 master unreachable or without the OSGi framework MBeans,"
        + AdminCommand.EXIT_USAGE_REFUSED)
final class BundlesCommand extends AdminCommand {
  private static final String BUNDLE_LABEL = "ID_OR_NAME";
  private static final String BUNDLE_HELP = "the bundle: its id, or its symbolic name (which must name one bundle)";
  private static final String CHANGE_EXIT_CODES = "Exit codes: 0 done (the bundle's new state is printed), 1 master"
      + " unreachable, no such bundle or the framework refused (its reason)," + AdminCommand.EXIT_USAGE_REFUSED;

  @Override
  Output run(MasterConnection master) throws CommandFailure {
    return list(master);
  }

  static Output list(MasterConnection master) throws CommandFailure {
    return Output.table(OsgiFramework.find(master).bundles().stream().map(OsgiFramework.Bundle::fields).toList());
  }

  @Command(name = "list",
      description = {"Lists the master's OSGi bundles: id, state, symbolic name, version, sorted by id.",
          "--json prints an array of objects (id, state, symbolicName, version)."},
      footer = "Exit codes: 0 ok, 1 master unreachable or without the OSGi framework MBeans,"
          + AdminCommand.EXIT_USAGE_REFUSED)
  static final class ListBundles extends AdminCommand {
    @Override
    Output run(MasterConnection master) throws CommandFailure {
      return list(master);
    }
  }

  /** Start and stop: one bundle, one framework operation, then its new state. */
  abstract static class BundleChange extends AdminCommand {
    @Parameters(index = "0", paramLabel = BUNDLE_LABEL, description = BUNDLE_HELP)
    String bundle;

    @Override
    void validate(FsAdmin context) throws CommandFailure {
      if (bundle.isBlank()) {
        throw CommandFailure.usage("give the bundle's id or symbolic name");
      }
    }

    @Override
    final Output run(MasterConnection master) throws CommandFailure {
      OsgiFramework framework = OsgiFramework.find(master);
      OsgiFramework.Bundle target = framework.bundle(bundle);
      List<Field> extra = change(framework, target);
      List<Field> fields = new ArrayList<>(framework.refreshed(target).fields());
      fields.addAll(extra);
      return Output.fields(fields);
    }

    /** Does it; returns fields to print after the bundle's. */
    abstract List<Field> change(OsgiFramework framework, OsgiFramework.Bundle target) throws CommandFailure;

    /** Bundle 0 is the framework: stopping or replacing it ends the master, which is bin/quire stop's job. */
    static void refuseTheFramework(OsgiFramework.Bundle target, String verb) throws CommandFailure {
      if (target.id() == 0) {
        throw CommandFailure.usage("will not " + verb + " " + target + ": it is the OSGi framework itself"
            + " (to stop the master: bin/quire stop)");
      }
    }
  }

  @Command(name = "start",
      description = {"Starts a bundle and prints its new state.",
          "Invokes startBundle(long) on the framework MBean."},
      footer = CHANGE_EXIT_CODES)
  static final class Start extends BundleChange {
    @Override
    List<Field> change(OsgiFramework framework, OsgiFramework.Bundle target) throws CommandFailure {
      framework.start(target);
      return List.of();
    }
  }

  @Command(name = "stop",
      description = {"Stops a bundle and prints its new state.",
          "Its services and MBeans go away until it is started again. Bundle 0, the framework itself, is"
              + " refused. Invokes stopBundle(long) on the framework MBean."},
      footer = CHANGE_EXIT_CODES)
  static final class Stop extends BundleChange {
    @Override
    List<Field> change(OsgiFramework framework, OsgiFramework.Bundle target) throws CommandFailure {
      refuseTheFramework(target, "stop");
      framework.stop(target);
      return List.of();
    }
  }

  @Command(name = "update",
      description = {"Replaces a bundle by the jar FILE and prints its new version and state.",
          "The framework restarts the bundle if it was active. FILE must be a readable jar whose"
              + " Bundle-SymbolicName is the bundle's (checked here, before connecting).",
          "The master reads the jar itself: FILE is sent as a file: URL (updateBundleFromURL(long, String)"
              + " on the framework MBean), so the master must run on this machine, or see FILE at the same"
              + " path on a shared file system."},
      footer = CHANGE_EXIT_CODES)
  static final class Update extends BundleChange {
    @Parameters(index = "1", paramLabel = "FILE", description = "the new jar of the bundle, on this machine")
    Path file;

    private BundleJar jar;

    @Override
    void validate(FsAdmin context) throws CommandFailure {
      super.validate(context);
      jar = BundleJar.check(file);
    }

    @Override
    List<Field> change(OsgiFramework framework, OsgiFramework.Bundle target) throws CommandFailure {
      refuseTheFramework(target, "update");
      if (!jar.symbolicName().equals(target.symbolicName())) {
        throw CommandFailure.usage(file + " holds bundle " + jar.symbolicName() + " " + jar.version() + ", not "
            + target + ": nothing was updated");
      }
      framework.update(target, jar.uri());
      return List.of(new Field("Updated from", "updatedFrom", jar.uri().toString()));
    }
  }
}
