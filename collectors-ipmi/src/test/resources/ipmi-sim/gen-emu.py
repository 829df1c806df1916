#!/usr/bin/env python3
"""Writes the ipmi_sim command file (sensors + Full and Compact Sensor Records) for a server-like BMC.
Vigil's copy adds a discrete PSU redundancy sensor (number 11) to the shared recipe."""
import sys
BMC = 0x20
# num, name, sensor type, entity id, base unit, M, R exp, raw value, thresholds (lnr, lc, lnc, unc, uc, unr) raw or None
SENSORS = [
  (1, "CPU1 Temp",  0x01, 0x03, 1,  1, 0, 45, (None, None, None, 80, 90, 100)),
  (2, "CPU2 Temp",  0x01, 0x03, 1,  1, 0, 47, (None, None, None, 80, 90, 100)),
  (3, "Inlet Temp", 0x01, 0x37, 1,  1, 0, 24, (None, None, None, 38, 42, 48)),
  (4, "FAN1",       0x04, 0x1D, 18, 50, 0, 64, (None, 10, 20, None, None, None)),
  (5, "FAN2",       0x04, 0x1D, 18, 50, 0, 63, (None, 10, 20, None, None, None)),
  (6, "PSU1 Power", 0x08, 0x0A, 6,  2, 0, 72, (None, None, None, 200, 225, 250)),
  (7, "PSU2 Power", 0x08, 0x0A, 6,  2, 0, 70, (None, None, None, 200, 225, 250)),
  (8, "12V",        0x02, 0x07, 4,  6, -2, 201, (None, 180, 190, 210, 220, None)),
  (9, "5V",         0x02, 0x07, 4,  3, -2, 167, (None, 150, 158, 175, 183, None)),
  (10, "3.3V",      0x02, 0x07, 4,  2, -2, 165, (None, 148, 155, 175, 182, None)),
]
# Discrete sensors: num, name, sensor type, entity id, event/reading type, readable offsets mask, offset set at start
DISCRETE = [
  (11, "PS Redundancy", 0x09, 0x13, 0x0B, 0x000F, 0),   # power unit redundancy: 0 fully redundant, 1 lost, 2 degraded
]
def compact_sdr(rec_id, num, name, stype, entity, evtype, mask):
    name_b = name.encode()[:16]
    body = [
      BMC, 0x00, num, entity, 0x01,
      0x63,                             # initialization: scanning, events
      0x40,                             # capabilities: auto re-arm
      stype, evtype,
      mask & 0xFF, mask >> 8, mask & 0xFF, mask >> 8, mask & 0xFF, mask >> 8,  # assertion, deassertion, reading masks
      0xC0, 0x00, 0x00,                 # no analog reading, unit unspecified
      0x00, 0x00, 0x00, 0x00,           # no record sharing, no hysteresis
      0x00, 0x00, 0x00, 0x00,           # reserved, OEM
      0xC0 | len(name_b),
    ] + list(name_b)
    return [rec_id & 0xFF, rec_id >> 8, 0x51, 0x02, len(body)] + body
def sdr(rec_id, num, name, stype, entity, unit, m, rexp, th):
    lnr, lc, lnc, unc, uc, unr = th
    bits = [lnc, lc, lnr, unc, uc, unr]           # readable-threshold mask bit order 0..5
    readable = sum(1 << i for i, v in enumerate(bits) if v is not None)
    lower_mask = (readable & 0x07) << 4            # lower threshold comparisons returned
    upper_mask = ((readable >> 3) & 0x07) << 4
    name_b = name.encode()[:16]
    body = [
      BMC, 0x00, num,                   # owner, LUN, sensor number
      entity, 0x01,                     # entity id, instance
      0x7F,                             # initialization: scanning, events, thresholds, hysteresis, type
      0x68,                             # capabilities: auto re-arm, hysteresis + thresholds readable/settable
      stype, 0x01,                      # sensor type, threshold event/reading type
      0x00, lower_mask, 0x00, upper_mask,   # assertion/deassertion masks with reading masks
      readable, readable,               # readable, settable threshold masks
      0x00, unit, 0x00, 0x00,           # unsigned, base unit, no modifier, linear
      m & 0xFF, (m >> 8) << 6, 0x00, 0x00, 0x00,   # M, tolerance, B, accuracy, direction
      ((rexp & 0x0F) << 4),             # R exponent, B exponent 0
      0x00, 0x00, 0x00, 0x00,           # analog flags, nominal, normal max, normal min
      0xFF, 0x00,                       # sensor max, min
      unr or 0, uc or 0, unc or 0, lnr or 0, lc or 0, lnc or 0,
      0x02, 0x02, 0x00, 0x00, 0x00,     # hysteresis +/-, reserved, OEM
      0xC0 | len(name_b),
    ] + list(name_b)
    return [rec_id & 0xFF, rec_id >> 8, 0x51, 0x01, len(body)] + body
out = ["mc_setbmc 0x20",
       "mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02",
       "sel_enable 0x20 1000 0x0a"]
for i, (num, name, stype, ent, unit, m, rexp, raw, th) in enumerate(SENSORS):
    out.append(f"sensor_add 0x20 0 {num} {stype:#04x} 0x01")
    out.append("main_sdr_add 0x20 " + " ".join(f"{b:#04x}" for b in sdr(i + 1, num, name, stype, ent, unit, m, rexp, th)))
    vals = " ".join(f"{(v or 0):#04x}" for v in reversed(th))  # value5 (unr) .. value0 (lnc)... per man: leftmost is value5
    enabled = "".join("1" if v is not None else "0" for v in (th[5], th[4], th[3], th[0], th[1], th[2]))
    out.append(f"sensor_set_threshold 0x20 0 {num} settable {enabled} " + " ".join(f"{(v or 0):#04x}" for v in (th[5], th[4], th[3], th[0], th[1], th[2])))
    out.append(f"sensor_set_hysteresis 0x20 0 {num} settable 2 2")
    out.append(f"sensor_set_event_support 0x20 0 {num} enable scanning per-state "
               "000111111111111 000111111111111 000111111111111 000111111111111")
    out.append(f"sensor_set_value 0x20 0 {num} {raw:#04x} 0")
for j, (num, name, stype, ent, evtype, mask, offset) in enumerate(DISCRETE):
    out.append(f"sensor_add 0x20 0 {num} {stype:#04x} {evtype:#04x}")
    out.append("main_sdr_add 0x20 " + " ".join(f"{b:#04x}" for b in compact_sdr(len(SENSORS) + j + 1, num, name, stype, ent, evtype, mask)))
    bits = format(mask, "015b")
    out.append(f"sensor_set_event_support 0x20 0 {num} enable scanning per-state {bits} {bits} {bits} {bits}")
    out.append(f"sensor_set_bit 0x20 0 {num} {offset} 1 0")
out.append("mc_enable 0x20")
print("\n".join(out))
