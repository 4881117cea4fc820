import { useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useCycle } from '../components/cycle';
import { consoleLinkOf } from './step-link';

/** A message's link opened as it was sent (e-mail, robot): the step's page, in the message's year. */
export function OpenLinkPage() {
  const { pathname } = useLocation();
  const { cycle, setCycleId } = useCycle();
  const { path, cycleId } = consoleLinkOf(pathname);
  useEffect(() => {
    if (cycleId && cycle?.id !== cycleId) setCycleId(cycleId);
  }, [cycle?.id, cycleId, setCycleId]);
  return <Navigate to={path} replace />;
}
