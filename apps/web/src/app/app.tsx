import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { SignInPage } from '../features/session/sign-in-page';
import { ApiError } from '../lib/http';
import { SessionProvider, useSession } from '../lib/session';
import { Shell } from './shell';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refusal will not change on retry; a network blip may.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** The dashboard: sign in with an API key, then the pages the key may see. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <SessionProvider>
          <Gate />
        </SessionProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}

function Gate() {
  const { apiKey } = useSession();
  return apiKey ? <Shell /> : <SignInPage />;
}
