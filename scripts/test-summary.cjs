// Adds up test results into the one line CI reads ("N passed, N failed"), also when a run failed:
// `node scripts/test-summary.cjs unit=.test-results/unit.json e2e=.test-results/e2e.json ...`.
// unit: jest --json output; any other label: the e2e runners' summary ({passed, failed}).
const fs = require('fs');

// A run that wrote no results (it crashed) counts as one failure, so the line cannot read all green.
const read = (file, count) => {
	try {
		return count(JSON.parse(fs.readFileSync(file, 'utf8')));
	} catch {
		return { passed: 0, failed: 1 };
	}
};
// A test file that does not even load is a failure too, though jest counts no test in it.
const jest = (j) => ({
	passed: j.numPassedTests,
	failed: j.numFailedTests + (j.numRuntimeErrorTestSuites || 0),
});
const summary = (j) => ({ passed: j.passed, failed: j.failed });

let passed = 0;
let failed = 0;
for (const arg of process.argv.slice(2)) {
	const [label, file] = arg.split('=');
	const counts = read(file, label === 'unit' ? jest : summary);
	console.log(`${label}: ${counts.passed} passed, ${counts.failed} failed`);
	passed += counts.passed;
	failed += counts.failed;
}
console.log(`${passed} passed, ${failed} failed`);
