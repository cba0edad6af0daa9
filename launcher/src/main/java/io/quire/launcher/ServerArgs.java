package io.quire.launcher;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The server's command line, as {@code bin/quire start} writes it. */
@Command(name = "quire-server", description = "Runs one Quire master in this process.")
final class ServerArgs {

  @Option(names = "--conf", required = true, description = "configuration folder")
  Path conf;

  @Option(names = "--home", required = true, description = "quire.home: logs, data, default folders")
  Path home;

  @Option(names = "--role", defaultValue = "master", converter = RoleConverter.class,
      description = "master or secondary_master")
  Role role;

  @Option(names = "--restore", description = "backup URI to import on first start (start -i)")
  String restore;

  Optional<String> restoreUri() {
    return Optional.ofNullable(restore).filter(s -> !s.isBlank());
  }

  /** Turns {@code master}/{@code masters}/{@code secondary_master} into a {@link Role}. */
  static final class RoleConverter implements picocli.CommandLine.ITypeConverter<Role> {
    @Override
    public Role convert(String value) {
      return Role.parse(value);
    }
  }
}
