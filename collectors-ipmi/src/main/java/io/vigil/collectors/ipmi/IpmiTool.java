package io.vigil.collectors.ipmi;

/** Which command-line tool reads a BMC. */
public enum IpmiTool {
    /** FreeIPMI when its {@code ipmi-sensors} is installed, else ipmitool. */
    AUTO,
    /** FreeIPMI: {@code ipmi-sensors} and {@code ipmi-dcmi}. */
    FREEIPMI,
    /** ipmitool: {@code sdr elist} (or {@code sensor}) and {@code dcmi power reading}. */
    IPMITOOL
}
