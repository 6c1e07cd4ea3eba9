//! Python bindings of numconc (to be written).
