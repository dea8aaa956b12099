/** Host (multi-threaded Java + EJML) implementation of the linear-algebra backend. */
package io.inverseface.optim.backend.cpu;
