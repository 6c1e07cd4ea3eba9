//! C ABI of numconc (to be written).
