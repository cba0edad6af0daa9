package io.quire.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.ObjectName;

/**
 * Every readable attribute of one MBean as fields, read in one round trip after its
 * {@link MBeanInfo}: the attributes the console knows first, in their order and under their own
 * labels ({@code n/a} when this server lacks one), then any others the server has, named after
 * themselves. So a status command shows what a newer server added without a newer console.
 */
final class MBeanStatus {
  private MBeanStatus() {}

  /** The fields, or empty when the MBean is not registered. */
  static Optional<List<Field>> read(MasterConnection master, ObjectName name, List<AttributeItem> known)
      throws CommandFailure {
    Optional<MBeanInfo> info = master.info(name);
    if (info.isEmpty()) {
      return Optional.empty();
    }
    String[] readable = Arrays.stream(info.get().getAttributes())
        .filter(MBeanAttributeInfo::isReadable)
        .map(MBeanAttributeInfo::getName)
        .toArray(String[]::new);
    Optional<Map<String, Object>> values = master.attributes(name, readable);
    if (values.isEmpty()) {
      return Optional.empty(); // unregistered in between (its bundle stopped)
    }
    List<Field> fields = new ArrayList<>();
    for (AttributeItem item : known) {
      fields.add(new Field(item.label(), item.key(), values.get().get(item.attribute())));
    }
    Set<String> knownNames = known.stream().map(AttributeItem::attribute).collect(Collectors.toSet());
    for (String attribute : readable) {
      if (!knownNames.contains(attribute)) {
        AttributeItem item = AttributeItem.named(attribute);
        fields.add(new Field(item.label(), item.key(), values.get().get(attribute)));
      }
    }
    return Optional.of(fields);
  }

  /** The fields of an MBean that must be there: "this master has no {@code what} MBean (name)" otherwise. */
  static List<Field> require(MasterConnection master, ObjectName name, String what, List<AttributeItem> known)
      throws CommandFailure {
    return read(master, name, known)
        .orElseThrow(() -> CommandFailure.failed("this master has no " + what + " MBean (" + name + ")"));
  }
}
