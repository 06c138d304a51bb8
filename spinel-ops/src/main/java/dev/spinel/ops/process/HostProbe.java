package dev.spinel.ops.process;

import com.sun.management.OperatingSystemMXBean;
import dev.spinel.ops.topology.HostFacts;
import java.lang.management.ManagementFactory;

/** Reads the host facts the planner sizes configs by. */
public final class HostProbe {
    private HostProbe() {
    }

    public static HostFacts facts() {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new HostFacts(os.getTotalMemorySize());
    }
}
