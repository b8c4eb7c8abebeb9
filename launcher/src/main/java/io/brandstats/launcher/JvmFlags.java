package io.brandstats.launcher;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM flags the node runs best with that a jar cannot set for itself. The contract's JSON Schema
 * validator does its work in one method of 9,290 bytes of bytecode; HotSpot leaves methods over 8,000
 * bytes to the interpreter unless started with -XX:-DontCompileHugeMethods, which made request validation
 * about half of the JVM's CPU when ingesting batches of sales.
 */
final class JvmFlags {

  private static final Logger LOG = LoggerFactory.getLogger(JvmFlags.class);

  private JvmFlags() {
  }

  static void adviseOnStart() {
    if (compilesHugeMethods()) {
      return;
    }
    LOG.info("Request validation runs interpreted: start the JVM with -XX:-DontCompileHugeMethods (see README, Run it)"
      + " to let the JIT compile it");
  }

  private static boolean compilesHugeMethods() {
    try {
      HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return hotSpot == null || "false".equals(hotSpot.getVMOption("DontCompileHugeMethods").getValue());
    } catch (IllegalArgumentException e) {
      return true; // not a HotSpot JVM: nothing to advise
    }
  }
}
