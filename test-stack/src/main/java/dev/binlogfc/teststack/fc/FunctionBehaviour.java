package dev.binlogfc.teststack.fc;

/**
 * What the local function does with an authentic invocation, apart from faults.
 *
 * @param maxBodyBytes a body limit below FC's own for both invocation types, or 0 for FC's limits
 * @param deniedGetFunctionTo the AccessKey ID that may not call GetFunction, or null
 * @param readsBodies whether the function reads each body on receipt: it answers a body that is not JSON with a
 *     SyntaxError and others with the number of records; otherwise it answers at once with an empty result, as a
 *     function that only hands its event on, and leaves reading to the test
 */
record FunctionBehaviour(int maxBodyBytes, String deniedGetFunctionTo, boolean readsBodies) {
}
