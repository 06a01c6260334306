/**
 * HiPPO transition matrices ({@link ssm4j.kernels.hippo.Hippo}, {@link ssm4j.kernels.hippo.HippoMeasure}) and their
 * normal-plus-low-rank / DPLR form ({@link ssm4j.kernels.hippo.Nplr}, {@link ssm4j.kernels.hippo.NplrForm}), SPEC
 * sections 2.1–2.3. Setup-time math in double precision; the eigenproblem goes to EJML.
 */
package ssm4j.kernels.hippo;
