import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericToNumber } from './column-transformers';

@Entity({ name: 'products' })
export class ProductEntity {
  @PrimaryColumn('text') code!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) family!: string | null;
  @Column('numeric', { name: 'list_price', nullable: true, transformer: numericToNumber }) listPrice!: number | null;
  @Column('text', { nullable: true }) currency!: string | null;
}
