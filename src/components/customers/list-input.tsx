'use client';
// Several e-mails or phones (A3): a list of inputs; adding never replaces an existing value.
import { useTranslations } from 'next-intl';
import { Button, TextInput } from '@/components/ui/controls';

export function ListInput({ name, values, onChange, itemLabel, addLabel, type, errors }: {
  name: string;
  values: string[];
  onChange: (values: string[]) => void;
  itemLabel: (n: number) => string;
  addLabel: string;
  type: 'email' | 'tel';
  errors: (path: string) => string | undefined;
}) {
  const common = useTranslations('common');
  return (
    <fieldset className="space-y-2">
      {values.map((value, i) => (
        <div key={i} className="flex items-end gap-2">
          <div className="flex-1">
            <TextInput
              label={itemLabel(i + 1)}
              name={`${name}.${i}`}
              type={type}
              value={value}
              error={errors(`${name}.${i}`)}
              onChange={(e) => onChange(values.map((v, j) => (j === i ? e.target.value : v)))}
            />
          </div>
          <Button variant="ghost" aria-label={`${common('remove')} ${itemLabel(i + 1)}`} onClick={() => onChange(values.filter((_, j) => j !== i))}>
            {common('remove')}
          </Button>
        </div>
      ))}
      <Button variant="secondary" onClick={() => onChange([...values, ''])}>
        {addLabel}
      </Button>
    </fieldset>
  );
}
