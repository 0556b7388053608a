/**
 * Polls GET argv[2] (/healthz) every 100 ms from a process of its own — so that the times are
 * the server's, not those of a test process busy with hundreds of clients — until stdin closes;
 * then prints the slowest answer (ms) and how many there were, as JSON.
 */
export {}

let slowest = 0
let answers = 0
let failures = 0
let running = true
process.stdin.on('end', () => (running = false))
process.stdin.resume()
while (running) {
  const started = performance.now()
  try {
    const response = await fetch(process.argv[2] as string)
    await response.text()
    if (response.status === 200) answers++
    else failures++
  } catch {
    failures++
  }
  slowest = Math.max(slowest, performance.now() - started)
  await new Promise((resolve) => setTimeout(resolve, 100))
}
console.log(JSON.stringify({ slowest, answers, failures }))
