// Points' figures read from a toy's data file by the site's own grid.js (figureAt), for
// the Python tests (conftest.figures_at): reads {payload, wanted: [[index, name], ...]}
// as JSON on stdin, writes the figures as a JSON list.
import { figureAt } from "../../docs/assets/js/toys/grid.js";

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;
const { payload, wanted } = JSON.parse(input);
process.stdout.write(JSON.stringify(wanted.map(([index, name]) => figureAt(payload, index, name))));
