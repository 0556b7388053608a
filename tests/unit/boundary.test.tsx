// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ErrorBoundary } from '../../client/src/components'

afterEach(cleanup)

function Boom(): never {
  throw new Error('the board could not be drawn')
}

describe('ErrorBoundary', () => {
  it('shows what went wrong and a way back instead of a blank page', () => {
    // React reports the caught error on the console; that is expected here.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    render(
      <ErrorBoundary>
        <Boom />
      </ErrorBoundary>,
    )
    quiet.mockRestore()
    expect(screen.getByRole('alert').textContent).toBe('Something went wrong on this page: the board could not be drawn')
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeTruthy()
  })

  it('renders its children when nothing fails', () => {
    render(
      <ErrorBoundary>
        <p>fine</p>
      </ErrorBoundary>,
    )
    expect(screen.getByText('fine')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
