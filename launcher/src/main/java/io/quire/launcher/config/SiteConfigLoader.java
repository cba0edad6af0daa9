package io.quire.launcher.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code quire-site.properties} and validates it against {@link ConfigKeys}.
 *
 * <p>Steps, each failing with a {@link ConfigException} that names the key and the value:
 * <ol>
 *   <li>reject keys that are not in the registry;</li>
 *   <li>per key: take the file's value or the default, substitute {@code ${quire.home}}, parse
 *       it with the key's type (an empty value counts as unset);</li>
 *   <li>resolve folder locations against {@code quire.home};</li>
 *   <li>check the rules between keys ({@link CrossKeyRules}).</li>
 * </ol>
 */
public final class SiteConfigLoader {

  public static final String FILE_NAME = "quire-site.properties";

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  private SiteConfigLoader() {}

  /**
   * Loads {@code confDir/quire-site.properties} for a master to run with: every check, including
   * that the JMX secret files are the owner's alone and that the TLS stores open. A missing file
   * means all defaults.
   */
  public static SiteConfig load(Path confDir, Path home) throws ConfigException {
    return load(confDir, home, true);
  }

  /**
   * Loads the configuration for a command that only talks to a master or its folder ({@code fs},
   * {@code fsadmin}, {@code stop}, {@code format}): every key and value is checked, but the JMX
   * secret files are not opened, so an operator other than the master's user can run them.
   */
  public static SiteConfig loadForClient(Path confDir, Path home) throws ConfigException {
    return load(confDir, home, false);
  }

  private static SiteConfig load(Path confDir, Path home, boolean server) throws ConfigException {
    if (!Files.isDirectory(confDir)) {
      throw new ConfigException("configuration folder " + confDir + " does not exist", null);
    }
    Path file = confDir.resolve(FILE_NAME);
    Map<String, String> raw = new TreeMap<>();
    if (Files.exists(file)) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
      }
      properties.stringPropertyNames().forEach(name -> raw.put(name.trim(), properties.getProperty(name)));
    }
    return validate(raw, home, confDir, server);
  }

  /** Validates raw key/value pairs as they would appear in the file. */
  public static SiteConfig validate(Map<String, String> raw, Path home, Path confDir) throws ConfigException {
    return validate(raw, home, confDir, true);
  }

  private static SiteConfig validate(Map<String, String> raw, Path home, Path confDir, boolean server)
      throws ConfigException {
    for (String name : new TreeMap<>(raw).keySet()) {
      if (!ConfigKeys.BY_NAME.containsKey(name)) {
        throw new ConfigException(name, raw.get(name), "unknown key; see conf/quire-site.properties for the keys Quire reads");
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      Object value = parse(key, raw.get(key.name()), home);
      if (value != null) {
        values.put(key.name(), value);
      }
    }
    resolveLocation(values, ConfigKeys.JOURNAL_FOLDER, home);
    resolveLocation(values, ConfigKeys.ROOT_UFS, home);
    CrossKeyRules.apply(values, home, server);
    return new SiteConfig(home, confDir, values);
  }

  private static Object parse(ConfigKey key, String written, Path home) throws ConfigException {
    String text = written == null ? null : written.trim();
    if (text == null || text.isEmpty()) {
      if (key.optional()) {
        return null;
      }
      if (written != null) {
        throw new ConfigException(key.name(), written, "missing value; remove the line to use the default "
            + key.defaultValue());
      }
      text = key.defaultValue();
    }
    String substituted = substitute(key.name(), text, home);
    try {
      return key.type().parse(substituted);
    } catch (InvalidValueException e) {
      throw new ConfigException(key.name(), text, e.getMessage());
    }
  }

  private static String substitute(String key, String text, Path home) throws ConfigException {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      if (!m.group(1).equals("quire.home")) {
        throw new ConfigException(key, text, "unknown variable ${" + m.group(1) + "}; only ${quire.home} is defined");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(home.toString()));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static void resolveLocation(Map<String, Object> values, String key, Path home) throws ConfigException {
    String text = (String) values.get(key);
    try {
      values.put(key, Locations.resolve(text, home));
    } catch (InvalidValueException e) {
      throw new ConfigException(key, text, e.getMessage());
    }
  }
}
